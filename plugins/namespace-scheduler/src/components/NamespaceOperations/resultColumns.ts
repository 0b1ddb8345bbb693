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

export const rollbackColumns: ChangeColumn<RollbackResult>[] = [
  {
    title: 'Restored to',
    render: row => formatReplicas(row.type, row.restored_replicas),
  },
  { title: 'Status', render: row => row.status },
  { title: 'Error', render: row => row.error ?? '' },
];
