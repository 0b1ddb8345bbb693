import { Table, TableColumn } from '@backstage/core-components';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import {
  NamespaceStatus,
  WorkloadStatus,
} from '@namespace-scheduler/backstage-plugin-common';

const OFF_EXPLAINED =
  'Stopped by the team before any sleep: sleep and wake leave it as it is, and it does not count towards the namespace state.';

const replicas = (w: WorkloadStatus) => {
  if (w.kind === 'CronJob') return w.suspended ? 'suspended' : 'active';
  if (w.replicas === undefined) return '—';
  const ready =
    w.readyReplicas !== undefined ? ` (${w.readyReplicas} ready)` : '';
  return `${w.replicas}${ready}`;
};

const state = (w: WorkloadStatus) => {
  if (w.excluded) return 'excluded';
  if (w.state !== 'off') return w.state;
  return (
    <Tooltip title={OFF_EXPLAINED}>
      <span>Off (stopped by the team)</span>
    </Tooltip>
  );
};

const columns: TableColumn<WorkloadStatus>[] = [
  { title: 'Kind', field: 'kind' },
  { title: 'Name', field: 'name' },
  { title: 'Replicas', render: replicas },
  {
    title: 'Restores to',
    render: w => (w.originalReplicas !== undefined ? w.originalReplicas : ''),
  },
  { title: 'State', render: state },
  { title: 'Drift', field: 'drift' },
];

/** One namespace's workloads; those the team turned off are explained below. */
export const WorkloadTable = ({ status }: { status: NamespaceStatus }) => (
  <>
    <Table<WorkloadStatus>
      options={{
        paging: false,
        search: false,
        toolbar: false,
        padding: 'dense',
      }}
      columns={columns}
      data={status.workloads}
    />
    {status.workloads.some(w => w.state === 'off' && !w.excluded) && (
      <Typography
        variant="caption"
        color="textSecondary"
        component="p"
        style={{ padding: '8px 16px' }}
      >
        Off: {OFF_EXPLAINED}
      </Typography>
    )}
  </>
);
