import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import { OffHoursStatus } from '@namespace-scheduler/backstage-plugin-common';
import { formatInstant } from '../common';

/** Says that the off-hours limit applies now and how many slots are taken, or that it could not be read. */
export const OffHoursNotice = ({
  status,
  error,
  onRetry,
}: {
  status?: OffHoursStatus;
  error?: Error;
  /** Reads the limit again. */
  onRetry: () => void;
}) => {
  if (error) {
    return (
      <Alert
        severity="warning"
        action={
          <Button
            color="inherit"
            size="small"
            aria-label="Retry reading the off-hours limit"
            onClick={onRetry}
          >
            Retry
          </Button>
        }
      >
        Could not read the off-hours limit: {error.message}
      </Alert>
    );
  }
  if (!status?.off_hours) return null;
  const used = Object.entries(status.used)
    .map(([scope, count]) =>
      scope === 'global'
        ? `${count}`
        : `${count} on ${scope.replace('cluster:', '')}`,
    )
    .join(', ');
  const until = status.period?.end
    ? ` until ${formatInstant(status.period.end)}`
    : '';
  return (
    <Alert severity="info">
      Off-hours{until}: at most {status.limit} namespaces may be awake
      {status.scope === 'cluster' ? ' per cluster' : ''}; awake now:{' '}
      {used || '0'}.
    </Alert>
  );
};
