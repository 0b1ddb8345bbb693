import Grid from '@material-ui/core/Grid';
import {
  NamespaceStatus,
  OffHoursStatus,
} from '@namespace-scheduler/backstage-plugin-common';
import { WeekCalendar } from '../ScheduleCalendar';
import { SchedulesCard, useNamespaceSchedules } from '../Schedules';
import { NamespaceWhy } from './NamespaceWhy';

/**
 * The selected namespace's why (its state's reason, and what happens next),
 * schedules and week calendar, as grid items. All are fed by one read of its
 * schedules: the why and the calendar plan from the list.
 */
export const ScheduleCards = ({
  target,
  offHours,
  revision,
  onChanged,
}: {
  target: NamespaceStatus;
  offHours?: OffHoursStatus;
  /** Changes when something changed the namespace: the schedules are read again. */
  revision: number;
  /** Called after a schedule changed; expected to bump `revision`. */
  onChanged: () => void;
}) => {
  const schedules = useNamespaceSchedules(target, revision);
  return (
    <>
      <Grid item xs={12}>
        <NamespaceWhy
          target={target}
          state={target.state}
          schedules={schedules}
          offHours={offHours}
          revision={revision}
        />
      </Grid>
      <Grid item xs={12} lg={7}>
        <SchedulesCard
          target={target}
          schedules={schedules}
          onChanged={onChanged}
        />
      </Grid>
      <Grid item xs={12} lg={5}>
        <WeekCalendar
          target={target}
          schedules={schedules}
          state={target.state}
          offHours={offHours}
        />
      </Grid>
    </>
  );
};
