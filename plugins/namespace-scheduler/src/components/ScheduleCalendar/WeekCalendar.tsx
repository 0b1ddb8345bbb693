import { InfoCard, Progress } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import {
  NamespaceState,
  OffHoursStatus,
  previewTransitions,
} from '@namespace-scheduler/backstage-plugin-common';
import { useMemo } from 'react';
import { browserTimeZone } from '../common';
import {
  NamespaceSchedules,
  SchedulesRead,
  SchedulesReadError,
} from '../Schedules';
import { awakePeriods, calendarDays } from './calendarDays';
import { DayColumn } from './DayColumn';
import { offHoursPeriods } from './offHoursPeriods';
import { TransitionList } from './TransitionList';

const DAYS = 7;
/** Enough for a week of hourly runs; the calendar says when it is cut short. */
const LIMIT = 200;
const DAY_MS = 86_400_000;

/**
 * The week from when the schedules were read, planned as the backend's
 * preview route would (the same rules, run here on the schedules the tab has).
 */
function weekAhead({ items, readAt }: NamespaceSchedules) {
  const to = readAt + DAYS * DAY_MS;
  const transitions = previewTransitions(items, {
    from: readAt,
    to,
    limit: LIMIT,
  });
  return { from: readAt, transitions };
}

/** The namespace's planned awake periods over the coming week, from its schedules. */
export const WeekCalendar = ({
  schedules,
  state,
  offHours,
}: {
  /** The namespace's schedules, read by `useNamespaceSchedules`; the week starts when they arrived. */
  schedules: SchedulesRead;
  /** The live state, which holds until the first planned transition. */
  state: NamespaceState;
  /** The off-hours limit, whose periods are shaded; none when unknown. */
  offHours?: OffHoursStatus;
}) => {
  const zone = browserTimeZone();
  const { loading, error } = schedules;
  const value = useMemo(
    () => schedules.value && weekAhead(schedules.value),
    [schedules.value],
  );

  const days = useMemo(() => {
    if (!value) return [];
    const to = value.from + DAYS * DAY_MS;
    const periods = awakePeriods(value.transitions, state, value.from, to);
    return calendarDays(periods, zone, value.from, DAYS);
  }, [value, state, zone]);

  const offHoursDays = useMemo(() => {
    if (!value || !offHours) return [];
    // A day beyond each side covers the first and last local days whole.
    const periods = offHoursPeriods(
      offHours.business_hours,
      value.from - DAY_MS,
      value.from + (DAYS + 1) * DAY_MS,
    );
    return calendarDays(periods, zone, value.from, DAYS);
  }, [value, offHours, zone]);

  const renderBody = () => {
    if (loading && !value) return <Progress />;
    if (error) return <SchedulesReadError {...schedules} />;
    return (
      <>
        <div
          role="list"
          aria-label="Planned awake periods by day"
          style={{
            display: 'grid',
            gridTemplateColumns: `repeat(${DAYS}, minmax(0, 1fr))`,
            gap: 4,
          }}
        >
          {days.map((day, index) => (
            <DayColumn
              key={day.start}
              day={day}
              offHours={offHoursDays[index]?.segments ?? []}
              zone={zone}
            />
          ))}
        </div>
        {value && value.transitions.length >= LIMIT && (
          <Typography variant="caption" color="error" component="p">
            Only the first {LIMIT} transitions are drawn.
          </Typography>
        )}
        <TransitionList transitions={value?.transitions ?? []} zone={zone} />
      </>
    );
  };

  return (
    <InfoCard
      title="Week ahead"
      subheader={`Planned awake periods (green) from the live state${
        offHours
          ? `; off-hours (grey) allow at most ${offHours.limit} awake`
          : ''
      }. Times in ${zone}.`}
    >
      {renderBody()}
    </InfoCard>
  );
};
