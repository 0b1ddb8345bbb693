import { InfoCard, Progress } from '@backstage/core-components';
import {
  forecast,
  NamespaceState,
  offHoursBetween,
  OffHoursStatus,
  sameNamespace,
} from '@namespace-scheduler/backstage-plugin-common';
import { useMemo, useState } from 'react';
import { NamespaceLocator } from '../../api';
import { browserTimeZone } from '../common';
import {
  NamespaceSchedules,
  SchedulesRead,
  SchedulesReadError,
} from '../Schedules';
import { calendarDays, weekRange } from './calendarDays';
import { DayColumn } from './DayColumn';
import { formatDay } from './formatTime';
import { SlotHolders } from './SlotHolders';
import { TransitionList } from './TransitionList';
import { WeekNavigation } from './WeekNavigation';

const DAYS = 7;

/**
 * The forecast for one week of the namespace (`week` 0: the days from today),
 * from when the schedules were read: the same planner the backend's preview
 * runs, and whose boundary rule the runner applies.
 */
function weekForecast(
  { items, readAt }: NamespaceSchedules,
  options: {
    week: number;
    zone: string;
    state: NamespaceState;
    offHours?: OffHoursStatus;
    holdsSlot: boolean;
  },
) {
  const { start, end } = weekRange(readAt, options.zone, options.week);
  const predicted = forecast({
    schedules: items,
    state: options.state,
    from: readAt,
    to: end,
    offHours: options.offHours,
    holdsSlot: options.holdsSlot,
  });
  const inWeek = (at: number) => at >= start && at < end;
  return {
    start,
    end,
    awake: predicted.segments.filter(s => s.awake),
    transitions: predicted.transitions.filter(t => inWeek(Date.parse(t.at))),
  };
}

/** The namespace's predicted awake periods, week by week, with the off-hours limit's sleeps. */
export const WeekCalendar = ({
  target,
  schedules,
  state,
  offHours,
}: {
  target: NamespaceLocator;
  /** The namespace's schedules, read by `useNamespaceSchedules`; the forecast starts when they arrived. */
  schedules: SchedulesRead;
  /** The live state, which holds until the first predicted transition. */
  state: NamespaceState;
  /** The off-hours limit, whose periods are shaded and whose boundary sleeps are predicted; none when unknown. */
  offHours?: OffHoursStatus;
}) => {
  const zone = browserTimeZone();
  const [week, setWeek] = useState(0);
  const { loading, error } = schedules;
  const holdsSlot =
    offHours?.slots.some(slot => sameNamespace(slot, target)) ?? false;
  const value = useMemo(
    () =>
      schedules.value &&
      weekForecast(schedules.value, {
        week,
        zone,
        state,
        offHours,
        holdsSlot,
      }),
    [schedules.value, week, zone, state, offHours, holdsSlot],
  );
  const declared = useMemo(
    () =>
      new Set(
        (schedules.value?.items ?? []).filter(s => s.declared).map(s => s.id),
      ),
    [schedules.value],
  );

  const days = useMemo(() => {
    if (!value) return [];
    const offHoursPeriods = offHours
      ? offHoursBetween(offHours.business_hours, value.start, value.end)
      : [];
    const offHoursDays = calendarDays(offHoursPeriods, zone, value.start, DAYS);
    return calendarDays(value.awake, zone, value.start, DAYS).map(
      (day, index) => ({
        day,
        offHours: offHoursDays[index].segments,
        sleeps: value.transitions.filter(
          t =>
            t.source === 'off-hours-boundary' &&
            Date.parse(t.at) >= day.start &&
            Date.parse(t.at) < day.end,
        ),
      }),
    );
  }, [value, offHours, zone]);

  const renderBody = () => {
    if (loading && !value) return <Progress />;
    if (error) return <SchedulesReadError {...schedules} />;
    return (
      <>
        <WeekNavigation
          week={week}
          onWeek={setWeek}
          label={
            value
              ? `${formatDay(value.start, zone)} – ${formatDay(
                  value.end - 1,
                  zone,
                )}`
              : ''
          }
        />
        <div
          role="list"
          aria-label="Predicted awake periods by day"
          style={{
            display: 'grid',
            gridTemplateColumns: `repeat(${DAYS}, minmax(0, 1fr))`,
            gap: 4,
          }}
        >
          {days.map(({ day, offHours: off, sleeps }) => (
            <DayColumn
              key={day.start}
              day={day}
              offHours={off}
              boundarySleeps={sleeps}
              zone={zone}
            />
          ))}
        </div>
        {offHours && <SlotHolders status={offHours} target={target} />}
        <TransitionList
          transitions={value?.transitions ?? []}
          zone={zone}
          declared={declared}
        />
      </>
    );
  };

  return (
    <InfoCard
      title="Week ahead"
      subheader={`Predicted awake periods (green) from the live state, as the runner will act${
        offHours
          ? `; in off-hours (grey) at most ${offHours.limit} may stay awake, the others are put to sleep when off-hours start`
          : ''
      }. Times in ${zone}.`}
    >
      {renderBody()}
    </InfoCard>
  );
};
