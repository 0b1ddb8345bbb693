import { registerMswTestHooks } from '@backstage/test-utils';
import { Schedule } from '@namespace-scheduler/backstage-plugin-common';
import { screen } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  activity,
  businessHours,
  renderWithApis,
  serveActivities,
  weeklySchedule,
} from '../../__testUtils__';
import { SchedulesRead } from '../Schedules';
import { NamespaceWhy } from './NamespaceWhy';

jest.setTimeout(20_000);

/** Thursday 3 December 2026, 11:00 in Madrid: Office hours until 19:00. */
const THURSDAY_MORNING = Date.parse('2026-12-03T10:00:00Z');

const read = (items: Schedule[]): SchedulesRead => ({
  loading: false,
  value: { items, readAt: THURSDAY_MORNING },
  retry: () => {},
});

describe('NamespaceWhy', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const render = (
    schedules: SchedulesRead,
    state: 'awake' | 'asleep' = 'awake',
  ) =>
    renderWithApis(
      <NamespaceWhy
        target={{ cluster: 'sandbox', namespace: 'shop-dev' }}
        state={state}
        schedules={schedules}
        offHours={businessHours}
        revision={0}
      />,
    );

  it('says why the namespace is in its state, from its latest record, and what its schedules do next', async () => {
    const queries = serveActivities(server, () =>
      HttpResponse.json({
        items: [
          activity('a1', {
            operation: 'wake',
            status: 'active',
            source: 'override',
            reason: 'Held awake until Thu 3 Dec, 18:00 CET (override by alice)',
          }),
        ],
      }),
    );
    await render(read([weeklySchedule()]));

    expect(
      await screen.findByText(
        'Held awake until Thu 3 Dec, 18:00 CET (override by alice)',
      ),
    ).toBeInTheDocument();
    const why = screen.getByRole('region', { name: 'Why, and what next' });
    expect(why).toHaveTextContent(/^Now awake:/);
    expect(screen.getByText('Override')).toBeInTheDocument();
    expect(queries[0].get('limit')).toBe('1');
    expect(queries[0].get('namespace')).toBe('shop-dev');
    // Office hours end at 19:00 in Madrid (18:00 UTC), shown in the display zone.
    expect(
      screen.getByText(/^Sleep at .+: weekly schedule "Office hours"$/),
    ).toBeInTheDocument();
    expect(screen.getByText('Schedule')).toBeInTheDocument();
  });

  it('predicts the off-hours boundary sleep of an awake namespace no schedule keeps awake', async () => {
    serveActivities(server, () =>
      HttpResponse.json({
        items: [
          activity('a1', {
            operation: 'wake',
            status: 'active',
            source: 'manual',
            reason: 'Manual wake by guest',
          }),
        ],
      }),
    );
    await render(read([]));
    expect(await screen.findByText('Manual wake by guest')).toBeInTheDocument();
    expect(screen.getByText('Manual')).toBeInTheDocument();
    expect(screen.getByText(/^Sleep at .+: off-hours/)).toBeInTheDocument();
    expect(screen.getByText('Off-hours limit')).toBeInTheDocument();
  });

  it('reads records from before reasons were kept, and says when nothing is planned', async () => {
    serveActivities(server, () =>
      HttpResponse.json({ items: [activity('a1', { outcome: 'failed' })] }),
    );
    await render(read([]), 'asleep');
    expect(
      await screen.findByText('Sleep by user:default/guest (failed)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Nothing planned in the next 7 days: it stays asleep.'),
    ).toBeInTheDocument();
  });

  it('says when nothing was recorded yet', async () => {
    serveActivities(server, () => HttpResponse.json({ items: [] }));
    await render(read([]), 'asleep');
    expect(
      await screen.findByText(
        'No operation recorded yet: it is as its workloads were deployed.',
      ),
    ).toBeInTheDocument();
  });
});
