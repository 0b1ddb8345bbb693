import { TableColumn } from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import Typography from '@material-ui/core/Typography';
import { Activity } from '@namespace-scheduler/backstage-plugin-common';
import { formatInstant, StatusText } from '../common';

/** `user:default/alice` as "alice"; `scheduler` as it is. */
function requester(activity: Activity): string {
  const who = activity.requested_by.includes(':')
    ? parseEntityRef(activity.requested_by).name
    : activity.requested_by;
  return activity.schedule_id ? `${who} (schedule)` : who;
}

function duration(minutes: number | undefined): string {
  if (minutes === undefined) return '';
  const hours = Math.floor(minutes / 60);
  return hours ? `${hours} h ${minutes % 60} min` : `${minutes} min`;
}

function summary({ result }: Activity): string {
  const parts = [`${result.total_scaled} changed`];
  if (result.total_failed) parts.push(`${result.total_failed} failed`);
  if (result.rollback_performed) parts.push('rolled back');
  return parts.join(', ');
}

export const activityColumns: TableColumn<Activity>[] = [
  { title: 'Started', render: a => formatInstant(a.timestamp_start) },
  {
    title: 'Operation',
    render: a =>
      a.operation === 'scale' ? `scale to ${a.replicas}` : a.operation,
  },
  {
    title: 'Outcome',
    cellStyle: { whiteSpace: 'nowrap' },
    render: a => (
      <StatusText status={a.outcome === 'succeeded' ? 'ok' : 'error'}>
        {a.outcome}
      </StatusText>
    ),
  },
  { title: 'Workloads', render: summary },
  {
    title: 'Status',
    render: a =>
      `${a.status}${
        a.duration_minutes === undefined
          ? ''
          : ` · ${duration(a.duration_minutes)}`
      }`,
  },
  { title: 'Cost center', field: 'cost_center' },
  {
    title: 'Requested by · why',
    render: a => (
      <>
        {requester(a)}
        {a.reason && (
          <Typography variant="caption" display="block" color="textSecondary">
            {a.reason}
          </Typography>
        )}
      </>
    ),
  },
];
