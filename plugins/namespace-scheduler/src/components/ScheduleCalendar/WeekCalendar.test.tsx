import { renderInTestApp } from '@backstage/test-utils';
import {
  NamespaceState,
  OffHoursStatus,
  Schedule,
  toInstant,
} from '@namespace-scheduler/backstage-plugin-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { businessHours, weeklySchedule } from '../../__testUtils__';
import { SchedulesRead } from '../Schedules';
import { WeekCalendar } from './WeekCalendar';

const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
/** Monday 23 November 2026, noon where the test runs: the week starts here. */
const MONDAY_NOON = toInstant(zone, Date.UTC(2026, 10, 23, 12));

/** Office hours on Tuesdays and Thursdays, in the zone the calendar shows. */
const tuesdaysAndThursdays = weeklySchedule({
  zone,
  days: ['tue', 'thu'],
  from: '08:00',
  to: '19:00',
});

const read = (items: Schedule[], readAt = MONDAY_NOON): SchedulesRead => ({
  loading: false,
  value: { items, readAt },
  retry: () => {},
});

const render = (
  schedules: SchedulesRead,
  state: NamespaceState = 'asleep',
  offHours?: OffHoursStatus,
) =>
  renderInTestApp(
    <WeekCalendar schedules={schedules} state={state} offHours={offHours} />,
  );

async function dayLabels() {
  const week = await screen.findByRole('list', {
    name: 'Planned awake periods by day',
  });
  return within(week)
    .getAllByRole('listitem')
    .map(day => day.getAttribute('aria-label') ?? '');
}

describe('WeekCalendar', () => {
  it('plans the week from the schedules: a weekly schedule wakes the namespace on its days', async () => {
    await render(read([tuesdaysAndThursdays]));
    const labels = await dayLabels();
    expect(labels).toHaveLength(7);
    expect(labels[1]).toMatch(/Tue/);
    expect(labels[3]).toMatch(/Thu/);
    expect(labels.map(label => label.split(': ')[1])).toEqual([
      'asleep',
      'awake 08:00–19:00',
      'asleep',
      'awake 08:00–19:00',
      'asleep',
      'asleep',
      'asleep',
    ]);

    const upcoming = screen.getByRole('list', { name: 'Upcoming' });
    expect(within(upcoming).getAllByRole('listitem')).toHaveLength(4);
    expect(upcoming).toHaveTextContent('wake · Office hours');
    expect(upcoming).toHaveTextContent('sleep · Office hours');
  });

  it('holds back what an override suspends, as the preview route does', async () => {
    const override: Schedule = {
      ...weeklySchedule(),
      id: 'o1',
      kind: 'override',
      title: 'Wake until Tuesday noon',
      zone,
      operation: 'wake',
      until: '2026-11-24T12:00:00',
      created_at: new Date(MONDAY_NOON - 3_600_000).toISOString(),
    };
    await render(read([tuesdaysAndThursdays, override]), 'awake');
    const labels = await dayLabels();
    // Awake from the override on, through Tuesday's office hours.
    expect(labels[0]).toMatch(/: awake 12:00–24:00$/);
    expect(labels[1]).toMatch(/: awake 00:00–19:00$/);
    expect(labels[3]).toMatch(/: awake 08:00–19:00$/);
    expect(screen.getByRole('list', { name: 'Upcoming' })).toHaveTextContent(
      'wake · Office hours (held back by an override)',
    );
  });

  it('starts from the live state: an awake namespace without schedules stays awake', async () => {
    await render(read([], Date.now()), 'awake');
    for (const label of await dayLabels()) {
      expect(label).toMatch(/: awake /);
    }
    expect(
      screen.getByText(/No schedule changes this namespace/),
    ).toBeInTheDocument();
  });

  it('says when the week is cut short', async () => {
    const everyFiveMinutes: Schedule = {
      ...weeklySchedule(),
      kind: 'cron',
      zone,
      cron: '*/5 * * * *',
      operation: 'wake',
    };
    await render(read([everyFiveMinutes]));
    await dayLabels();
    expect(
      screen.getByText('Only the first 200 transitions are drawn.'),
    ).toBeInTheDocument();
  });

  it('shades the off-hours of each day', async () => {
    await render(read([], Date.now()), 'asleep', {
      ...businessHours,
      business_hours: { ...businessHours.business_hours, time_zone: zone },
    });
    const labels = await dayLabels();
    // Any seven days hold five weekdays and a weekend.
    expect(
      labels.filter(l =>
        l.endsWith(': asleep; off-hours 00:00–07:00, 20:00–24:00'),
      ),
    ).toHaveLength(5);
    expect(
      labels.filter(l => l.endsWith(': asleep; off-hours 00:00–24:00')),
    ).toHaveLength(2);
    expect(
      screen.getByText(/off-hours \(grey\) allow at most 5 awake/),
    ).toBeInTheDocument();
  });

  it('shows a failed read of the schedules as an error, with a Retry', async () => {
    const retry = jest.fn();
    await render({ loading: false, error: new Error('not allowed'), retry });
    expect((await screen.findAllByText(/not allowed/)).length).toBeGreaterThan(
      0,
    );
    expect(
      screen.queryByRole('list', { name: 'Planned awake periods by day' }),
    ).not.toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Retry reading the schedules' }),
    );
    expect(retry).toHaveBeenCalledTimes(1);
  });
});
