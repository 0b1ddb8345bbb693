import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import { registerMswTestHooks, TestApiProvider } from '@backstage/test-utils';
import {
  NamespaceChangedSignal,
  Schedule,
} from '@namespace-scheduler/backstage-plugin-common';
import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  activity,
  componentEntity,
  emptyTabHandlers,
  namespaceStatus,
  permissionHandler,
  PLUGIN,
  renderWithApis,
  weeklySchedule,
} from '../../__testUtils__';
import { EntityNamespaceScheduleContent } from './EntityNamespaceScheduleContent';
import { CHANGES_QUIET_MS } from './useNamespaceChanges';

// The whole tab renders twice; slow on a busy machine.
jest.setTimeout(60_000);

const SHOP_DEV = 'namespace-scheduler:namespace:sandbox/shop-dev';

/** Any signal message (a JSON object). */
type JsonObject = Parameters<Parameters<SignalApi['subscribe']>[1]>[0];

/** A signal API whose messages the test sends, channel by channel. */
function fakeSignals() {
  const listeners = new Map<string, (message: JsonObject) => void>();
  const api: SignalApi = {
    subscribe: (channel, onMessage) => {
      listeners.set(channel, onMessage as (message: JsonObject) => void);
      return { unsubscribe: () => listeners.delete(channel) };
    },
  };
  const send = (channel: string, message: NamespaceChangedSignal) =>
    listeners.get(channel)?.(message);
  return { api, send, channels: () => [...listeners.keys()] };
}

/**
 * The tab as another user, the runner or another replica changes shop-dev:
 * what the backend answers is swapped, then its change signal arrives.
 */
describe('EntityNamespaceScheduleContent, live', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const backend = {
    state: 'awake' as 'awake' | 'asleep',
    schedules: [] as Schedule[],
    activities: [activity('a1', { operation: 'wake' })],
    awakeHoursReads: 0,
  };
  beforeEach(() => {
    backend.state = 'awake';
    backend.schedules = [];
    backend.activities = [activity('a1', { operation: 'wake' })];
    backend.awakeHoursReads = 0;
    server.use(permissionHandler(), ...emptyTabHandlers());
    // Used before the empty answers (msw prefers the handlers added last).
    server.use(
      http.get(`${PLUGIN}/entity-namespaces`, () =>
        HttpResponse.json({
          items: [
            namespaceStatus('shop-dev', backend.state),
            namespaceStatus('shop-staging', 'asleep'),
          ],
        }),
      ),
      http.get(`${PLUGIN}/schedules`, () =>
        HttpResponse.json({ items: backend.schedules }),
      ),
      http.get(`${PLUGIN}/activities`, () =>
        HttpResponse.json({ items: backend.activities }),
      ),
      http.get(`${PLUGIN}/awake-hours`, () => {
        backend.awakeHoursReads += 1;
        return HttpResponse.json({ items: [] });
      }),
    );
  });

  const render = (signalApi: SignalApi) =>
    renderWithApis(
      <TestApiProvider apis={[[signalApiRef, signalApi]]}>
        <EntityNamespaceScheduleContent />
      </TestApiProvider>,
      componentEntity({
        'namespace-scheduler/namespaces':
          'sandbox/shop-dev, sandbox/shop-staging',
      }),
    );

  const shopDevRow = () =>
    screen.getByRole('row', { name: /shop-dev sandbox/ });

  it("reloads the namespace, its schedules, activity and awake hours on shop-dev's change signal", async () => {
    const signals = fakeSignals();
    await render(signals.api);
    await waitFor(() => expect(shopDevRow()).toHaveTextContent('Awake'));
    expect(signals.channels().sort()).toEqual([
      SHOP_DEV,
      'namespace-scheduler:namespace:sandbox/shop-staging',
    ]);
    await waitFor(() => expect(backend.awakeHoursReads).toBe(1));

    // Carol added a schedule, and the runner slept shop-dev.
    backend.state = 'asleep';
    backend.schedules = [weeklySchedule({ title: 'Team hours' })];
    backend.activities = [
      activity('a2', { operation: 'wake', requested_by: 'user:default/carol' }),
      ...backend.activities,
    ];
    signals.send(SHOP_DEV, {
      cluster: 'sandbox',
      namespace: 'shop-dev',
      change: 'operation',
    });

    const timeout = CHANGES_QUIET_MS + 10_000;
    await waitFor(() => expect(shopDevRow()).toHaveTextContent('Asleep'), {
      timeout,
    });
    expect(
      await screen.findByRole('row', { name: /Team hours/ }, { timeout }),
    ).toBeInTheDocument();
    expect(
      (await screen.findAllByText('carol', undefined, { timeout })).length,
    ).toBeGreaterThan(0);
    expect(backend.awakeHoursReads).toBe(2);
  });

  it('with signals, reads nothing again until a change is signalled (no polling)', async () => {
    const signals = fakeSignals();
    await render(signals.api);
    await waitFor(() => expect(shopDevRow()).toHaveTextContent('Awake'));
    backend.state = 'asleep';

    await new Promise(resolve => setTimeout(resolve, CHANGES_QUIET_MS + 500));

    expect(shopDevRow()).toHaveTextContent('Awake');
    expect(backend.awakeHoursReads).toBe(1);
  });
});
