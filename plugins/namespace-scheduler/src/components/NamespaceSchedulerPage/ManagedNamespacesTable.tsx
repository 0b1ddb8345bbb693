import {
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLinks } from '@backstage/plugin-catalog-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ManagedNamespace, namespaceSchedulerApiRef } from '../../api';
import { NamespaceStateChip, WorkloadCounts } from '../common';

const columns: TableColumn<ManagedNamespace>[] = [
  { title: 'Namespace', field: 'namespace', highlight: true },
  { title: 'Cluster', field: 'cluster' },
  {
    title: 'State',
    field: 'state',
    render: row => <NamespaceStateChip state={row.state} />,
  },
  { title: 'Workloads', render: row => <WorkloadCounts counts={row.counts} /> },
  {
    title: 'Owner',
    render: row => (
      <EntityRefLinks entityRefs={row.ownerRefs} defaultKind="group" />
    ),
  },
  {
    title: 'Claimed by',
    render: row => <EntityRefLinks entityRefs={row.entityRefs} />,
  },
  { title: 'Error', field: 'error' },
];

/** Every claimed namespace across clusters, with live state. */
export const ManagedNamespacesTable = () => {
  const api = useApi(namespaceSchedulerApiRef);
  const { value, loading, error } = useAsyncRetry(
    () => api.listNamespaces(),
    [api],
  );
  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  return (
    <Table<ManagedNamespace>
      title={`Managed namespaces (${value?.length ?? 0})`}
      options={{ pageSize: 20, padding: 'dense' }}
      columns={columns}
      data={value ?? []}
    />
  );
};
