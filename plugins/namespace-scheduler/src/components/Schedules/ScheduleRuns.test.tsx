import { registerMswTestHooks } from '@backstage/test-utils';
import { ScheduleRun } from '@namespace-scheduler/backstage-plugin-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { deviceTimeZone, setDisplayZone } from '../common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  errorResponse,
  operationResult,
  permissionHandler,
  PLUGIN,
  renderWithApis,
  TabSchedulesCard,
  weeklySchedule,
} from '../../__testUtils__';

const target = { cluster: 'sandbox', namespace: 'shop-dev' };

jest.setTimeout(20_000);

const run = (id: string, extra: Partial<ScheduleRun> = {}): ScheduleRun => ({
  id,
  schedule_id: 's1',
  due_at: '2026-11-20T18:00:00Z',
  trigger: 'schedule',
  operation: 'sleep',
  status: 'succeeded',
  claimed_by: 'scheduler',
  claimed_at: '2026-11-20T18:00:01Z',
  finished_at: '2026-11-20T18:00:03Z',
  activity_id: 'a1',
  ...extra,
});

describe('run a schedule now and read its runs', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  function serve(options: { operate?: boolean } = {}) {
    const state = { schedule: weeklySchedule(), lists: 0, ran: 0 };
    server.use(
      permissionHandler(name =>
        name === 'namespace-scheduler.namespace.operate' &&
        options.operate === false
          ? 'DENY'
          : 'ALLOW',
      ),
      http.get(`${PLUGIN}/schedules`, () => {
        state.lists += 1;
        return HttpResponse.json({ items: [state.schedule] });
      }),
    );
    return state;
  }

  const render = (onChanged = jest.fn(), namespace = target.namespace) =>
    renderWithApis(
      <TabSchedulesCard
        target={{ ...target, namespace }}
        onChanged={onChanged}
      />,
    );

  it('runs a schedule after confirming, shows the result and reloads', async () => {
    const state = serve();
    server.use(
      http.post(`${PLUGIN}/schedules/s1/run`, () => {
        state.ran += 1;
        state.schedule = weeklySchedule({ run_count: 4, success_count: 3 });
        return HttpResponse.json({
          schedule: state.schedule,
          result: operationResult('wake', { total_scaled: 3 }),
        });
      }),
    );
    const onChanged = jest.fn();
    await render(onChanged);
    const button = await screen.findByRole('button', {
      name: 'Run Office hours now',
    });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);

    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent(
      /wake shop-dev if the schedule wants it awake now, else sleep it at once, charged to CC-1001/,
    );
    expect(state.ran).toBe(0);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Run now' }),
    );

    expect(
      await within(dialog).findByText('Woke sandbox/shop-dev'),
    ).toBeInTheDocument();
    expect(state.ran).toBe(1);
    expect(onChanged).toHaveBeenCalledTimes(1);
    expect(
      await screen.findByText('4 run(s): 3 ok, 1 failed, 0 skipped'),
    ).toBeInTheDocument();
    // Read on load, then once more after the run.
    expect(state.lists).toBe(2);
  });

  it('names the override a run now ends, in the page’s zone, and shows who ended it', async () => {
    const held = {
      ...weeklySchedule(),
      id: 'o1',
      kind: 'override' as const,
      // Titles stored before read as ISO; the row names the override itself.
      title: 'Wake until 2030-01-03T18:00:00.000+01:00',
      operation: 'wake' as const,
      until: '2030-01-03T18:00:00.000+01:00',
      next_run: '2030-01-03T18:00:00.000+01:00',
    };
    const nightly = {
      ...weeklySchedule(),
      id: 's2',
      kind: 'cron' as const,
      title: 'Nightly sleep',
      cron: '0 23 * * 0',
      operation: 'sleep' as const,
    };
    let items: unknown[] = [held, nightly];
    server.use(
      permissionHandler(() => 'ALLOW'),
      http.get(`${PLUGIN}/schedules`, () => HttpResponse.json({ items })),
      http.post(`${PLUGIN}/schedules/s2/run`, () => {
        items = [
          {
            ...held,
            status: 'completed',
            next_run: undefined,
            ended_by: 'user:default/guest',
            ended_at: '2026-12-02T11:05:00Z',
          },
          nightly,
        ];
        return HttpResponse.json({
          schedule: nightly,
          result: operationResult('sleep'),
        });
      }),
    );
    setDisplayZone('Europe/Madrid');
    await render();
    const row = (await screen.findByText(/^Awake until/)).closest('tr');
    expect(row).toHaveTextContent('Awake until Thu 3 Jan, 18:00 CET');
    const button = screen.getByRole('button', {
      name: 'Run Nightly sleep now',
    });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);

    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent(
      'This ends "Awake until Thu 3 Jan, 18:00 CET": the override no longer holds shop-dev',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Run now' }),
    );
    expect(
      await screen.findByText('Ended by guest · Wed 2 Dec, 12:05 CET'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Held awake/)).not.toBeInTheDocument();
    setDisplayZone(deviceTimeZone());
  });

  it('shows why running is refused, by the server or by permission', async () => {
    serve();
    server.use(
      http.post(`${PLUGIN}/schedules/s1/run`, () =>
        errorResponse(409, 'Schedule "Office hours" is already running now'),
      ),
    );
    await render();
    const button = await screen.findByRole('button', {
      name: 'Run Office hours now',
    });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Run now' }),
    );
    expect(
      await within(dialog).findByText(
        'Schedule "Office hours" is already running now',
      ),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('Conflict')).toBeInTheDocument();
  });

  it('disables run now with the reason when the user may not operate', async () => {
    serve({ operate: false });
    // Another namespace: permission decisions are cached per resource across renders.
    await render(jest.fn(), 'shop-qa');
    const button = await screen.findByRole('button', {
      name: 'Run Office hours now',
    });
    const reason =
      'Run Office hours now: Only owners of an entity that claims this namespace may run its schedules now.';
    // The tooltip's wrapper (a disabled button takes no pointer events).
    const wrapper = button.parentElement as HTMLElement;
    await waitFor(() => expect(wrapper).toHaveAttribute('title', reason));
    expect(button).toBeDisabled();
    await userEvent.hover(wrapper);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(reason);
    // Reading the history needs no more than reading the schedule.
    expect(
      screen.getByRole('button', { name: 'Runs of Office hours' }),
    ).toBeEnabled();
  });

  it('lists the runs, newest first, with due time, status and result', async () => {
    serve();
    server.use(
      http.get(`${PLUGIN}/schedules/s1/runs`, ({ request }) => {
        expect(new URL(request.url).searchParams.get('limit')).toBe('50');
        return HttpResponse.json({
          items: [
            run('r2', {
              trigger: 'manual',
              operation: 'wake',
              claimed_by: 'user:default/guest',
              due_at: '2026-11-21T09:00:00Z',
              claimed_at: '2026-11-21T09:00:00Z',
              finished_at: '2026-11-21T09:00:02Z',
            }),
            run('r1', {
              status: 'failed',
              message: 'cluster sandbox unreachable',
            }),
          ],
        });
      }),
    );
    setDisplayZone('Europe/Madrid');
    await render();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Runs of Office hours' }),
    );
    const dialog = await screen.findByRole('dialog');
    const table = await within(dialog).findByRole('table', { name: 'Runs' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Succeeded');
    expect(rows[0]).toHaveTextContent('wake, run now by user:default/guest');
    expect(rows[1]).toHaveTextContent('Failed');
    expect(rows[1]).toHaveTextContent(
      'sleep, on schedule: cluster sandbox unreachable',
    );
    // In the page's one zone, labelled.
    expect(rows[0]).toHaveTextContent('Sat 21 Nov, 10:00 CET');
    setDisplayZone(deviceTimeZone());
  });

  it('says so when there are no runs, and shows a failed read as an error', async () => {
    serve();
    let fail = false;
    server.use(
      http.get(`${PLUGIN}/schedules/s1/runs`, () =>
        fail
          ? errorResponse(403, 'You may not read this namespace')
          : HttpResponse.json({ items: [] }),
      ),
    );
    await render();
    const history = await screen.findByRole('button', {
      name: 'Runs of Office hours',
    });
    await userEvent.click(history);
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('No runs yet.')).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    fail = true;
    await userEvent.click(history);
    expect(
      await screen.findByText(/You may not read this namespace/),
    ).toBeInTheDocument();
  });
});
