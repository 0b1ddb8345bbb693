import { registerMswTestHooks } from '@backstage/test-utils';
import { PreviewTransition } from '@namespace-scheduler/backstage-plugin-common';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  businessHours,
  errorResponse,
  PLUGIN,
  renderWithApis,
} from '../../__testUtils__';
import { WeekCalendar } from './WeekCalendar';

const HOUR = 3_600_000;
const inHours = (hours: number) =>
  new Date(Date.now() + hours * HOUR).toISOString();

const transition = (
  hours: number,
  operation: PreviewTransition['operation'],
  extra: Partial<PreviewTransition> = {},
): PreviewTransition => ({
  at: inHours(hours),
  operation,
  schedule_id: 's1',
  title: 'Office hours',
  kind: 'weekly',
  ...extra,
});

// Dialogs and tables of the real components take a while on a busy machine.
jest.setTimeout(20_000);

describe('WeekCalendar', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const render = (state: 'awake' | 'asleep') =>
    renderWithApis(
      <WeekCalendar
        cluster="sandbox"
        namespace="shop-dev"
        state={state}
        revision={0}
      />,
    );

  it('draws the planned awake periods of each day and lists what comes next', async () => {
    let query = '';
    server.use(
      http.get(`${PLUGIN}/schedule-preview`, ({ request }) => {
        query = new URL(request.url).search;
        return HttpResponse.json({
          items: [
            transition(26, 'wake'),
            transition(28, 'sleep'),
            transition(50, 'wake', { suppressed_by: 'o1' }),
          ],
        });
      }),
    );
    await render('asleep');
    const week = await screen.findByRole('list', {
      name: 'Planned awake periods by day',
    });
    const days = within(week).getAllByRole('listitem');
    expect(days).toHaveLength(7);
    const awake = days.filter(day =>
      /awake \d\d:\d\d–\d\d:\d\d/.test(day.getAttribute('aria-label') ?? ''),
    );
    expect(awake.length).toBeGreaterThanOrEqual(1);
    expect(days[0]).toHaveAttribute(
      'aria-label',
      expect.stringMatching(/: asleep$/),
    );
    expect(query).toBe('?cluster=sandbox&namespace=shop-dev&days=7&limit=200');

    const upcoming = screen.getByRole('list', { name: 'Upcoming' });
    expect(within(upcoming).getAllByRole('listitem')).toHaveLength(3);
    expect(upcoming).toHaveTextContent('wake · Office hours');
    expect(upcoming).toHaveTextContent('(held back by an override)');
  });

  it('starts from the live state: an awake namespace without schedules stays awake', async () => {
    server.use(
      http.get(`${PLUGIN}/schedule-preview`, () =>
        HttpResponse.json({ items: [] }),
      ),
    );
    await render('awake');
    const week = await screen.findByRole('list', {
      name: 'Planned awake periods by day',
    });
    for (const day of within(week).getAllByRole('listitem')) {
      expect(day).toHaveAttribute(
        'aria-label',
        expect.stringMatching(/: awake /),
      );
    }
    expect(
      screen.getByText(/No schedule changes this namespace/),
    ).toBeInTheDocument();
  });

  it('shades the off-hours of each day', async () => {
    server.use(
      http.get(`${PLUGIN}/schedule-preview`, () =>
        HttpResponse.json({ items: [] }),
      ),
    );
    const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
    await renderWithApis(
      <WeekCalendar
        cluster="sandbox"
        namespace="shop-dev"
        state="asleep"
        offHours={{
          ...businessHours,
          business_hours: { ...businessHours.business_hours, time_zone: zone },
        }}
        revision={0}
      />,
    );
    const week = await screen.findByRole('list', {
      name: 'Planned awake periods by day',
    });
    const labels = within(week)
      .getAllByRole('listitem')
      .map(day => day.getAttribute('aria-label'));
    // Any seven days hold five weekdays and a weekend.
    expect(
      labels.filter(l =>
        l?.endsWith(': asleep; off-hours 00:00–07:00, 20:00–24:00'),
      ),
    ).toHaveLength(5);
    expect(
      labels.filter(l => l?.endsWith(': asleep; off-hours 00:00–24:00')),
    ).toHaveLength(2);
    expect(
      screen.getByText(/off-hours \(grey\) allow at most 5 awake/),
    ).toBeInTheDocument();
  });

  it('shows a failed preview as an error', async () => {
    server.use(
      http.get(`${PLUGIN}/schedule-preview`, () =>
        errorResponse(403, 'namespace-scheduler.namespace.read is not allowed'),
      ),
    );
    await render('awake');
    expect((await screen.findAllByText(/403/)).length).toBeGreaterThan(0);
    expect(
      screen.queryByRole('list', { name: 'Planned awake periods by day' }),
    ).not.toBeInTheDocument();
  });
});
