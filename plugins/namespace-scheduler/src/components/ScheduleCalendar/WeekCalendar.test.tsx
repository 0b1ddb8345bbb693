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

/** Business hours Mon–Fri 07:00–20:00 where the test runs. */
const localHours = (status: Partial<OffHoursStatus> = {}): OffHoursStatus => ({
  ...businessHours,
  business_hours: { ...businessHours.business_hours, time_zone: zone },
  ...status,
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
    <WeekCalendar
      target={{ cluster: 'sandbox', namespace: 'shop-dev' }}
      schedules={schedules}
      state={state}
      offHours={offHours}
    />,
  );

async function dayLabels() {
  const week = await screen.findByRole('list', {
    name: 'Predicted awake periods by day',
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

  it('says which transitions come from a schedule declared in the catalog', async () => {
    const declared = weeklySchedule({
      ...tuesdaysAndThursdays,
      declared: {
        entity_ref: 'component:default/shop-api',
        text: 'Tue,Thu 08:00-19:00 UTC',
      },
    });
    await render(read([declared]));
    const upcoming = await screen.findByRole('list', { name: 'Upcoming' });
    expect(upcoming).toHaveTextContent(
      'wake · Office hours (catalog-info.yaml)',
    );
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
      screen.getByText(/Nothing is predicted to change this namespace/),
    ).toBeInTheDocument();
  });

  it('shades the off-hours of each day', async () => {
    await render(read([], Date.now()), 'asleep', localHours());
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
      screen.getByText(/in off-hours \(grey\) at most 5 may stay awake/),
    ).toBeInTheDocument();
  });

  it('predicts the off-hours boundary sleep of an awake namespace nothing keeps awake, bands still showing beside the bar', async () => {
    await render(read([]), 'awake', localHours());
    const [monday, tuesday] = await dayLabels();
    expect(monday).toMatch(
      /: awake 12:00–20:00; off-hours 00:00–07:00, 20:00–24:00; sleep 20:00 \(off-hours start: no off-hours slot\)$/,
    );
    expect(tuesday).toMatch(/: asleep; /);
    const day = within(
      screen.getByRole('listitem', { name: /awake 12:00–20:00/ }),
    );
    expect(day.getByTitle('Awake 12:00–20:00: awake now')).toBeInTheDocument();
    expect(day.getAllByTestId('off-hours-band')).toHaveLength(2);
    expect(
      day.getByRole('img', {
        name: 'sleep 20:00 (off-hours start: no off-hours slot)',
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Upcoming' })).toHaveTextContent(
      'sleep · Off-hours limit: off-hours start: no off-hours slot',
    );
  });

  it('keeps awake across the boundary what a schedule holds awake, saying it takes a slot', async () => {
    const evenings = weeklySchedule({
      zone,
      title: 'Evenings',
      days: ['mon'],
      from: '10:00',
      to: '23:00',
    });
    await render(read([evenings]), 'awake', localHours());
    const [monday] = await dayLabels();
    expect(monday).toMatch(/: awake 12:00–20:00, 20:00–23:00; off-hours/);
    expect(
      screen.getByTitle(
        'Awake 20:00–23:00: kept awake: schedule "Evenings" keeps it awake and takes a slot if one of 5 is free',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('img', { name: /off-hours start/ }),
    ).not.toBeInTheDocument();
  });

  it('navigates to the next weeks and back to this one', async () => {
    await render(read([tuesdaysAndThursdays]));
    const previous = await screen.findByRole('button', {
      name: 'Previous week',
    });
    expect(previous).toBeDisabled();
    const heading = (text: RegExp) =>
      screen.getByRole('heading', { name: text });
    /** `Mon 23 – Sun 29`, whichever order the locale puts day and weekday in. */
    const week = (first: number, last: number) =>
      new RegExp(`^\\D*\\b${first}\\b\\D*–\\D*\\b${last}\\b\\D*$`);
    expect(heading(week(23, 29))).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Next week' }));
    expect(heading(week(30, 6))).toBeInTheDocument();
    expect(previous).toBeEnabled();
    const labels = await dayLabels();
    expect(labels[1]).toMatch(/^(Tue 1|1 Tue): awake 08:00–19:00$/);
    expect(
      within(screen.getByRole('list', { name: 'Upcoming' }))
        .getAllByRole('listitem')
        .at(0),
    ).toHaveTextContent(/Tue 1 Dec, 08:00.*wake · Office hours/);

    await userEvent.click(screen.getByRole('button', { name: 'Next week' }));
    expect(heading(week(7, 13))).toBeInTheDocument();
    await userEvent.click(previous);
    expect(heading(week(30, 6))).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'This week' }));
    expect(heading(week(23, 29))).toBeInTheDocument();
    expect(previous).toBeDisabled();
  });

  it('names who holds the off-hours slots while off-hours last', async () => {
    const slot = {
      cluster: 'sandbox',
      scope: 'global',
      cost_center: 'CC-1001',
      acquired_at: '2026-11-23T19:00:00Z',
    };
    await render(
      read([]),
      'awake',
      localHours({
        off_hours: true,
        used: { global: 2 },
        slots: [
          {
            ...slot,
            namespace: 'shop-dev',
            slot: 1,
            requested_by: 'user:default/alice',
          },
          {
            ...slot,
            namespace: 'payments-dev',
            slot: 2,
            requested_by: 'scheduler',
            approved_by: 'user:default/bob',
            schedule_id: 's9',
          },
        ],
      }),
    );
    expect(
      await screen.findByText(
        'Off-hours slots: 2 of 5 taken by this namespace (user:default/alice), payments-dev (user:default/bob).',
      ),
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
