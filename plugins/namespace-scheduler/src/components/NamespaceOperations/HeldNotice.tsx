import Alert from '@material-ui/lab/Alert';
import { Schedule } from '@namespace-scheduler/backstage-plugin-common';
import { formatInstant } from '../common';

/** The override schedule now holding the namespace's new state until a time. */
export const HeldNotice = ({ schedule }: { schedule: Schedule }) => {
  const until =
    schedule.kind === 'override' && schedule.until
      ? formatInstant(schedule.until, schedule.zone)
      : undefined;
  return (
    <Alert severity="info" style={{ marginTop: 16 }}>
      Held by the override schedule "{schedule.title}"
      {until && ` until ${until} (${schedule.zone})`}: the namespace's other
      schedules wait until then.
    </Alert>
  );
};
