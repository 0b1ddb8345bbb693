import { registerMswTestHooks } from '@backstage/test-utils';
import {
  Schedule,
  WEEKDAYS,
} from '@namespace-scheduler/backstage-plugin-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  componentEntity,
  emptyTabHandlers,
  errorResponse,
  namespaceStatus,
  permissionHandler,
  PLUGIN,
  renderWithApis,
  serveActivities,
  weeklySchedule,
} from '../../__testUtils__';
import { EntityNamespaceScheduleContent } from './EntityNamespaceScheduleContent';

// Dialogs and tables of the real components take a while on a busy machine.
jest.setTimeout(20_000);

describe('EntityNamespaceScheduleContent', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  beforeEach(() => server.use(permissionHandler(), ...emptyTabHandlers()));

  /** shop-dev awake and shop-staging asleep. */
  const serveTwoNamespaces = () =>
    server.use(
      http.get(`${PLUGIN}/entity-namespaces`, () =>
        HttpResponse.json({
          items: [
            namespaceStatus('shop-dev', 'awake'),
            namespaceStatus('shop-staging', 'asleep'),
          ],
        }),
      ),
    );

  const render = (annotations: Record<string, string>) =>
    renderWithApis(
      <EntityNamespaceScheduleContent />,
      componentEntity(annotations),
    );

  it('shows each namespace with its live state and workload counts', async () => {
    let asked = '';
    server.use(
      http.get(`${PLUGIN}/entity-namespaces`, ({ request }) => {
        asked = new URL(request.url).searchParams.get('entityRef') ?? '';
        return HttpResponse.json({
          items: [
            namespaceStatus('shop-dev', 'partial'),
            namespaceStatus('shop-staging', 'unknown', {
              error: 'Cluster "x" is not configured',
              workloads: [],
              counts: { total: 0, awake: 0, asleep: 0, excluded: 0, off: 0 },
            }),
          ],
        });
      }),
    );
    await render({ 'backstage.io/kubernetes-namespace': 'shop-dev' });

    expect(await screen.findByText('shop-dev')).toBeInTheDocument();
    expect(asked).toBe('component:default/shop-api');
    expect(screen.getByText('Partial')).toBeInTheDocument();
    expect(screen.getByText('Unknown')).toBeInTheDocument();
    expect(screen.getAllByText('1 awake · 1 asleep')).toHaveLength(1);
    expect(
      screen.getByText('Cluster "x" is not configured'),
    ).toBeInTheDocument();
  });

  it('expands a namespace into its workloads', async () => {
    server.use(
      http.get(`${PLUGIN}/entity-namespaces`, () =>
        HttpResponse.json({ items: [namespaceStatus('shop-dev', 'partial')] }),
      ),
    );
    await render({ 'backstage.io/kubernetes-namespace': 'shop-dev' });
    await screen.findByText('shop-dev');
    fireEvent.click(screen.getByRole('button', { name: /detail panel/i }));
    expect(await screen.findByText('api-gateway')).toBeInTheDocument();
    expect(screen.getByText('2 (2 ready)')).toBeInTheDocument();
  });

  it('shows a namespace waking until its workloads are ready, reading it again meanwhile', async () => {
    const starting = namespaceStatus('shop-dev', 'awake', {
      workloads: [
        {
          kind: 'Deployment',
          name: 'api-gateway',
          replicas: 2,
          readyReplicas: 0,
          excluded: false,
          state: 'awake',
        },
      ],
      counts: { total: 1, awake: 1, asleep: 0, excluded: 0, off: 0 },
      readiness: { ready: 0, total: 1 },
    });
    let reads = 0;
    server.use(
      http.get(`${PLUGIN}/entity-namespaces`, () =>
        HttpResponse.json({ items: [starting] }),
      ),
      http.get(`${PLUGIN}/namespaces/sandbox/shop-dev`, () => {
        reads += 1;
        return HttpResponse.json({
          ...starting,
          workloads: [{ ...starting.workloads[0], readyReplicas: 2 }],
          readiness: { ready: 1, total: 1 },
          observedAt: new Date().toISOString(),
        });
      }),
    );
    await render({ 'backstage.io/kubernetes-namespace': 'shop-dev' });
    expect(await screen.findByText('Waking (0/1 ready)')).toBeInTheDocument();
    expect(screen.queryByText('Awake')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: /detail panel/i }));
    expect(await screen.findByText('2 (0 ready)')).toBeInTheDocument();

    // No ⟳: the tab reads the namespace again by itself.
    expect(
      await screen.findByText('Awake', undefined, { timeout: 8_000 }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Waking/)).not.toBeInTheDocument();
    // The open workload list stays open and shows the new read.
    expect(await screen.findByText('2 (2 ready)')).toBeInTheDocument();
    expect(reads).toBe(1);
  });

  it('shows workloads the team turned off as left alone', async () => {
    server.use(
      http.get(`${PLUGIN}/entity-namespaces`, () =>
        HttpResponse.json({
          items: [
            namespaceStatus('shop-dev', 'awake', {
              workloads: [
                {
                  kind: 'Deployment',
                  name: 'api-gateway',
                  replicas: 2,
                  readyReplicas: 2,
                  excluded: false,
                  state: 'awake',
                },
                {
                  kind: 'Deployment',
                  name: 'legacy-batch',
                  replicas: 0,
                  excluded: false,
                  state: 'off',
                },
              ],
              counts: { total: 2, awake: 1, asleep: 0, excluded: 0, off: 1 },
            }),
          ],
        }),
      ),
    );
    await render({ 'backstage.io/kubernetes-namespace': 'shop-dev' });
    expect(
      await screen.findByText('1 awake · 0 asleep · 1 off'),
    ).toBeInTheDocument();
    expect(screen.getByText('Awake')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: /detail panel/i }));
    const off = await screen.findByText('Off (stopped by the team)');
    expect(off).toHaveAttribute(
      'title',
      expect.stringMatching(/sleep and wake leave it as it is/),
    );
    expect(
      screen.getByText(/^Off: Stopped by the team before any sleep/),
    ).toBeInTheDocument();
  });

  it('names the namespace selector, which picks the namespace the cards show', async () => {
    serveTwoNamespaces();
    const queries = serveActivities(server, () =>
      HttpResponse.json({ items: [] }),
    );
    await render({
      'namespace-scheduler/namespaces': 'shop-dev, shop-staging',
    });
    const select = await screen.findByRole('button', {
      name: 'Namespace sandbox/shop-dev',
    });
    await userEvent.click(select);
    await userEvent.click(
      await screen.findByRole('option', { name: 'sandbox/shop-staging' }),
    );
    expect(
      await screen.findByRole('button', {
        name: 'Namespace sandbox/shop-staging',
      }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(queries.at(-1)?.get('namespace')).toBe('shop-staging'),
    );
  });

  it('reaches the first action in few tab stops: no sortable headers on the way', async () => {
    serveTwoNamespaces();
    await render({
      'namespace-scheduler/namespaces': 'shop-dev, shop-staging',
    });
    const first = await screen.findByRole('button', {
      name: 'Wake now shop-dev',
    });
    await waitFor(() => expect(first).toBeEnabled());
    const stops: string[] = [];
    (document.activeElement as HTMLElement | null)?.blur();
    while (document.activeElement !== first && stops.length < 30) {
      await userEvent.tab();
      stops.push(
        document.activeElement?.getAttribute('aria-label') ??
          document.activeElement?.textContent ??
          '',
      );
    }
    // Refresh, the row's workloads toggle, its first action: no sort or drag
    // handle per column header (there were two each, 12 stops in all).
    expect(stops).toEqual([
      '⟳',
      'Detail panel visiblity toggle',
      'Wake now shop-dev',
    ]);
  });

  it('reloads every card on Refresh', async () => {
    const reads: string[] = [];
    const counted = (route: string, body: object) =>
      http.get(`${PLUGIN}${route}`, () => {
        reads.push(route);
        return HttpResponse.json(body);
      });
    server.use(
      counted('/entity-namespaces', {
        items: [namespaceStatus('shop-dev', 'awake')],
      }),
      counted('/schedules', { items: [] }),
      counted('/awake-hours', { items: [] }),
      counted('/activities', { items: [] }),
    );
    await render({ 'backstage.io/kubernetes-namespace': 'shop-dev' });
    await screen.findByText('shop-dev');
    const routes = [
      '/entity-namespaces',
      '/schedules',
      '/awake-hours',
      '/activities',
    ];
    const count = (route: string) => reads.filter(r => r === route).length;
    // The activity card reads a page, the why card the latest record.
    const perLoad = (route: string) => (route === '/activities' ? 2 : 1);
    await waitFor(() => routes.forEach(r => expect(count(r)).toBe(perLoad(r))));

    fireEvent.click(screen.getByLabelText('Refresh'));

    await waitFor(() =>
      routes.forEach(r => expect(count(r)).toBe(2 * perLoad(r))),
    );
  });

  it('reads the schedules once for the list and the calendar, and once more after a change', async () => {
    // Three days ahead, so the week's first day (begun already) does not matter.
    const weekday =
      WEEKDAYS[(new Date(Date.now() + 3 * 86_400_000).getDay() + 6) % 7];
    const state = {
      reads: 0,
      schedules: [
        weeklySchedule({
          zone: new Intl.DateTimeFormat().resolvedOptions().timeZone,
          days: [weekday],
        }),
      ] as Schedule[],
    };
    server.use(
      http.get(`${PLUGIN}/entity-namespaces`, () =>
        HttpResponse.json({ items: [namespaceStatus('shop-dev', 'asleep')] }),
      ),
      http.get(`${PLUGIN}/schedules`, () => {
        state.reads += 1;
        return HttpResponse.json({ items: state.schedules });
      }),
      http.delete(`${PLUGIN}/schedules/s1`, () => {
        state.schedules = [];
        return new HttpResponse(null, { status: 204 });
      }),
    );
    await render({ 'backstage.io/kubernetes-namespace': 'shop-dev' });

    await screen.findByRole('row', { name: /Office hours/ });
    const week = screen.getByRole('list', {
      name: 'Predicted awake periods by day',
    });
    /** Each day's plan, without its off-hours: `asleep` or `awake HH:mm–HH:mm`. */
    const plans = () =>
      within(week)
        .getAllByRole('listitem')
        .map(
          day => /: ([^;]*)/.exec(day.getAttribute('aria-label') ?? '')?.[1],
        );
    expect(plans()).toEqual([
      'asleep',
      'asleep',
      'asleep',
      'awake 08:00–19:00',
      'asleep',
      'asleep',
      'asleep',
    ]);
    expect(screen.getByRole('list', { name: 'Upcoming' })).toHaveTextContent(
      'wake · Office hours',
    );
    expect(state.reads).toBe(1);

    const remove = screen.getByRole('button', { name: 'Delete Office hours' });
    await waitFor(() => expect(remove).toBeEnabled());
    await userEvent.click(remove);
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Delete',
      }),
    );
    expect(await screen.findByText(/No schedules yet/)).toBeInTheDocument();
    expect(plans()).toEqual(Array(7).fill('asleep'));
    expect(
      screen.getByText(/Nothing is predicted to change this namespace/),
    ).toBeInTheDocument();
    expect(state.reads).toBe(2);
  });

  it('shows a server error as an error, in its own section, with a Retry', async () => {
    const answers = [
      errorResponse(403, 'nope'),
      HttpResponse.json({ items: [namespaceStatus('shop-dev', 'awake')] }),
    ];
    server.use(http.get(`${PLUGIN}/entity-namespaces`, () => answers.shift()));
    await render({ 'backstage.io/kubernetes-namespace': 'shop-dev' });
    expect(
      (await screen.findAllByText(/403 Forbidden/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText('shop-dev')).not.toBeInTheDocument();
    // The rest of the tab stays: the awake hours need only the entity.
    expect(
      await screen.findByText(/No namespace was awake/),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Retry reading the namespaces' }),
    );
    expect(await screen.findByText('shop-dev')).toBeInTheDocument();
    expect(screen.queryByText(/403 Forbidden/)).not.toBeInTheDocument();
    expect(answers).toEqual([]);
  });

  it('shows a failed section in place, the rest of the tab working, and retries it', async () => {
    let failing = true;
    server.use(
      http.get(`${PLUGIN}/entity-namespaces`, () =>
        HttpResponse.json({ items: [namespaceStatus('shop-dev', 'awake')] }),
      ),
      http.get(`${PLUGIN}/schedules`, () =>
        failing
          ? errorResponse(503, 'schedules unavailable')
          : HttpResponse.json({ items: [weeklySchedule()] }),
      ),
      http.get(`${PLUGIN}/awake-hours`, () =>
        errorResponse(503, 'awake hours unavailable'),
      ),
      http.get(`${PLUGIN}/off-hours`, () =>
        errorResponse(503, 'off-hours unavailable'),
      ),
    );
    await render({ 'backstage.io/kubernetes-namespace': 'shop-dev' });
    expect(await screen.findByText('shop-dev')).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Wake now shop-dev' }),
    ).toBeInTheDocument();
    // The list and the calendar share one read: both show its error.
    await waitFor(() =>
      expect(
        screen.getAllByRole('button', { name: 'Retry reading the schedules' }),
      ).toHaveLength(2),
    );
    expect(
      screen.getByRole('button', { name: 'Retry reading the awake hours' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', {
        name: 'Retry reading the off-hours limit',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText(/No activity matches/)).toBeInTheDocument();

    failing = false;
    await userEvent.click(
      screen.getAllByRole('button', { name: 'Retry reading the schedules' })[0],
    );
    expect(
      await screen.findByRole('row', { name: /Office hours/ }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Retry reading the schedules' }),
    ).not.toBeInTheDocument();
    // The other failed sections are as they were.
    expect(
      screen.getByRole('button', { name: 'Retry reading the awake hours' }),
    ).toBeInTheDocument();
  });

  it('explains the annotations when the entity declares no namespace', async () => {
    await render({});
    expect(await screen.findByText(/Missing Annotation/i)).toBeInTheDocument();
    expect(
      screen.getAllByText(/namespace-scheduler\/namespaces/).length,
    ).toBeGreaterThan(0);
  });
});
