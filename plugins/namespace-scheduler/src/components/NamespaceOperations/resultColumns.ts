import {
  FailedResource,
  RollbackResult,
  ScaledResource,
  SkippedResource,
} from '@namespace-scheduler/backstage-plugin-common';
import { ChangeColumn } from './ChangeTable';
import { formatReplicas } from './operationLabels';

export const changeColumns: ChangeColumn<ScaledResource>[] = [
  { title: 'From', render: row => formatReplicas(row.type, row.from_replicas) },
  { title: 'To', render: row => formatReplicas(row.type, row.to_replicas) },
];

export const skippedColumns: ChangeColumn<SkippedResource>[] = [
  { title: 'Reason', render: row => row.reason },
];

export const failedColumns: ChangeColumn<FailedResource>[] = [
  { title: 'Error', render: row => row.error },
];

const ROLLBACK_STATUS: Record<RollbackResult['status'], string> = {
  success: 'success',
  failed: 'failed',
  left_alone: 'left alone',
};

/** `left_alone` rows say why: someone else changed or deleted the workload meanwhile. */
export const rollbackColumns: ChangeColumn<RollbackResult>[] = [
  {
    title: 'Restored to',
    render: row => formatReplicas(row.type, row.restored_replicas),
  },
  { title: 'Status', render: row => ROLLBACK_STATUS[row.status] },
  { title: 'Error or reason', render: row => row.error ?? '' },
];
