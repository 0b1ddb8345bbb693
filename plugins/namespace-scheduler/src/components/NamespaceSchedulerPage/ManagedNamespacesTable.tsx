import {
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLinks } from '@backstage/plugin-catalog-react';
import {
  CostCenter,
  sameNamespace,
} from '@namespace-scheduler/backstage-plugin-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  ManagedNamespace,
  NamespaceSchedulerApi,
  namespaceSchedulerApiRef,
} from '../../api';
import { namespaceColumns } from '../common';

/** A namespace with the cost centers valid for it. */
type Row = ManagedNamespace & { costCenters: string[] };

const columns: TableColumn<Row>[] = [
  ...namespaceColumns<Row>(),
  {
    title: 'Owner',
    render: row => (
      <EntityRefLinks entityRefs={row.ownerRefs} defaultKind="group" />
    ),
  },
  { title: 'Cost centers', render: row => row.costCenters.join(', ') },
  {
    title: 'Claimed by',
    render: row => <EntityRefLinks entityRefs={row.entityRefs} />,
  },
  { title: 'Error', field: 'error' },
];

function withCostCenters(
  namespaces: ManagedNamespace[],
  costCenters: CostCenter[],
): Row[] {
  return namespaces.map(ns => ({
    ...ns,
    costCenters: costCenters
      .filter(cc => cc.namespaces.some(n => sameNamespace(n, ns)))
      .map(cc => cc.cost_center),
  }));
}

async function loadRows(api: NamespaceSchedulerApi): Promise<Row[]> {
  const [namespaces, costCenters] = await Promise.all([
    api.listNamespaces(),
    api.listCostCenters(),
  ]);
  return withCostCenters(namespaces, costCenters);
}

/** Every claimed namespace across clusters, with live state, owner and cost centers. */
export const ManagedNamespacesTable = () => {
  const api = useApi(namespaceSchedulerApiRef);
  const { value, loading, error } = useAsyncRetry(() => loadRows(api), [api]);
  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  return (
    <Table<Row>
      title={`Managed namespaces (${value?.length ?? 0})`}
      options={{ pageSize: 20, padding: 'dense' }}
      columns={columns}
      data={value ?? []}
    />
  );
};
