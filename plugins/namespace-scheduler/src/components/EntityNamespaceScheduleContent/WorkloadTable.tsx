import { Table, TableColumn } from '@backstage/core-components';
import {
  NamespaceStatus,
  WorkloadStatus,
} from '@namespace-scheduler/backstage-plugin-common';

const replicas = (w: WorkloadStatus) => {
  if (w.kind === 'CronJob') return w.suspended ? 'suspended' : 'active';
  if (w.replicas === undefined) return '—';
  const ready =
    w.readyReplicas !== undefined ? ` (${w.readyReplicas} ready)` : '';
  return `${w.replicas}${ready}`;
};

const columns: TableColumn<WorkloadStatus>[] = [
  { title: 'Kind', field: 'kind' },
  { title: 'Name', field: 'name' },
  { title: 'Replicas', render: replicas },
  {
    title: 'Restores to',
    render: w => (w.originalReplicas !== undefined ? w.originalReplicas : ''),
  },
  {
    title: 'State',
    render: w => (w.excluded ? 'excluded' : w.state),
  },
  { title: 'Drift', field: 'drift' },
];

/** One namespace's workloads. */
export const WorkloadTable = ({ status }: { status: NamespaceStatus }) => (
  <Table<WorkloadStatus>
    options={{ paging: false, search: false, toolbar: false, padding: 'dense' }}
    columns={columns}
    data={status.workloads}
  />
);
