import {
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import { NamespaceStatus } from '@namespace-scheduler/backstage-plugin-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { namespaceSchedulerApiRef } from '../../api';
import { NamespaceStateChip, WorkloadCounts } from '../common';
import { WorkloadTable } from './WorkloadTable';

const Notes = ({ status }: { status: NamespaceStatus }) => {
  if (status.error) {
    return (
      <Typography variant="body2" color="error">
        {status.error}
      </Typography>
    );
  }
  const drifted = status.workloads.filter(w => w.drift).length;
  return drifted ? (
    <Typography variant="body2" color="error">
      {drifted} workload(s) drifted while asleep
    </Typography>
  ) : null;
};

const columns: TableColumn<NamespaceStatus>[] = [
  { title: 'Namespace', field: 'namespace', highlight: true },
  { title: 'Cluster', field: 'cluster' },
  {
    title: 'State',
    field: 'state',
    render: row => <NamespaceStateChip state={row.state} />,
  },
  {
    title: 'Workloads',
    render: row => <WorkloadCounts counts={row.counts} />,
  },
  {
    title: 'Notes',
    render: row => <Notes status={row} />,
  },
];


/** The entity's namespaces with live state; a row expands to its workloads. */
export const NamespaceStatusTable = ({ entityRef }: { entityRef: string }) => {
  const api = useApi(namespaceSchedulerApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getEntityNamespaces(entityRef),
    [api, entityRef],
  );

  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;

  return (
    <Table<NamespaceStatus>
      title="Namespaces"
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={value ?? []}
      emptyContent={
        <Typography style={{ padding: 16 }}>
          You may not read any of this entity's namespaces.
        </Typography>
      }
      actions={[
        {
          icon: () => <span aria-label="Refresh">⟳</span>,
          tooltip: 'Refresh',
          isFreeAction: true,
          onClick: () => retry(),
        },
      ]}
      detailPanel={({ rowData }) => <WorkloadTable status={rowData} />}
    />
  );
};
