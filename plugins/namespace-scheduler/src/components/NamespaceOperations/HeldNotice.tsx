import Alert from '@material-ui/lab/Alert';
import {
  overrideTitle,
  Schedule,
} from '@namespace-scheduler/backstage-plugin-common';
import { useDisplayZone } from '../common';

/** The override schedule now holding the namespace's new state until a time. */
export const HeldNotice = ({ schedule }: { schedule: Schedule }) => {
  const zone = useDisplayZone();
  const title =
    schedule.kind === 'override'
      ? overrideTitle(schedule, zone)
      : schedule.title;
  return (
    <Alert severity="info" style={{ marginTop: 16 }}>
      Held by the override "{title}": the namespace's other schedules wait until
      then.
    </Alert>
  );
};
