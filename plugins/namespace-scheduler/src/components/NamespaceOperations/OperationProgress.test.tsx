import { registerMswTestHooks, TestApiProvider } from '@backstage/test-utils';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import {
  OperationProgressSignal,
  OperationResult,
  OperationType,
} from '@namespace-scheduler/backstage-plugin-common';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  costCenterPicker,
  costCentersHandler,
  namespaceStatus,
  operationResult,
  permissionHandler,
  PLUGIN,
  renderWithApis,
  scaledResource,
} from '../../__testUtils__';
import { OperationDialog } from './OperationDialog';
import { OperationTarget } from './types';

const NS = `${PLUGIN}/namespaces/sandbox/shop-dev`;

jest.setTimeout(20_000);

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
  const send = (channel: string, message: OperationProgressSignal) =>
    listeners.get(channel)?.(message);
  return { api, send, channels: () => [...listeners.keys()] };
}

const step = (
  progressId: string,
  name: string,
  value: Pick<OperationProgressSignal, 'step' | 'done'> &
    Partial<OperationProgressSignal>,
): OperationProgressSignal => ({
  progress_id: progressId,
  operation: 'sleep',
  cluster: 'sandbox',
  namespace: 'shop-dev',
  kind: 'Deployment',
  name,
  from_replicas: 2,
  to_replicas: 0,
  total: 2,
  ...value,
});

const plan = operationResult('sleep', {
  dry_run: true,
  scaled_resources: [
    scaledResource('api-gateway', 'planned'),
    scaledResource('web', 'planned'),
  ],
});

type Sent = { body: Record<string, unknown>; progressId: string | null };

describe('live progress of an operation', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  /**
   * The sleep route: a dry run answers the plan; the real run calls
   * `during` (while the request is open), then answers `result`.
   */
  function serveSleep(
    during: (progressId: string) => Promise<void>,
    result: OperationResult,
  ) {
    const sent: Sent[] = [];
    server.use(
      permissionHandler(),
      costCentersHandler(),
      http.post(`${NS}/sleep`, async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        const progressId = request.headers.get('x-progress-id');
        sent.push({ body, progressId });
        if (body.dryRun) return HttpResponse.json({ result: plan });
        await during(progressId ?? '');
        return HttpResponse.json({ result, activityId: 'a1' });
      }),
    );
    return sent;
  }

  function renderDialog(
    signalApi?: SignalApi,
    operation: OperationType = 'sleep',
  ) {
    const target: OperationTarget = {
      cluster: 'sandbox',
      namespace: 'shop-dev',
      operation,
    };
    const dialog = (
      <OperationDialog
        target={target}
        onClose={jest.fn()}
        onCompleted={jest.fn()}
      />
    );
    return renderWithApis(
      signalApi ? (
        <TestApiProvider apis={[[signalApiRef, signalApi]]}>
          {dialog}
        </TestApiProvider>
      ) : (
        dialog
      ),
    );
  }

  async function previewAndConfirm(operation: OperationType = 'sleep') {
    const dialog = await screen.findByRole('dialog');
    await costCenterPicker(dialog);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Preview changes' }),
    );
    await userEvent.click(
      await within(dialog).findByRole('button', {
        name: `Confirm ${operation}`,
      }),
    );
    return dialog;
  }

  /** The wake route: the plan for a dry run; the real run waits for `during`. */
  function serveWake(during: (progressId: string) => Promise<void>) {
    server.use(
      permissionHandler(),
      costCentersHandler(),
      http.post(`${NS}/wake`, async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        if (body.dryRun) {
          return HttpResponse.json({
            result: operationResult('wake', {
              dry_run: true,
              scaled_resources: [
                scaledResource('api-gateway', 'planned', {
                  from_replicas: 0,
                  to_replicas: 2,
                }),
              ],
            }),
          });
        }
        await during(request.headers.get('x-progress-id') ?? '');
        return HttpResponse.json({
          result: operationResult('wake', { total_scaled: 1 }),
        });
      }),
    );
  }

  it('says a wake waits until ready once every workload is started', async () => {
    const signals = fakeSignals();
    let finish = () => {};
    serveWake(async progressId => {
      signals.send(`namespace-scheduler:progress:${progressId}`, {
        ...step(progressId, 'api-gateway', { step: 'scaled', done: 1 }),
        operation: 'wake',
        from_replicas: 0,
        to_replicas: 2,
        total: 1,
      });
      await new Promise<void>(resolve => {
        finish = resolve;
      });
    });
    await renderDialog(signals.api, 'wake');
    const dialog = await previewAndConfirm('wake');
    expect(
      await within(dialog).findByText(
        'Progress: 1 of 1 workload(s) done; waiting until they are ready (up to 3 minutes)…',
      ),
    ).toBeInTheDocument();
    finish();
    expect(
      await within(dialog).findByText('Woke sandbox/shop-dev'),
    ).toBeInTheDocument();
    expect(within(dialog).getByRole('status')).toHaveTextContent(
      /^Progress: 1 of 1 workload\(s\) done$/,
    );
  });

  it('without signals, polls readiness and workloads the team turned off', async () => {
    let finish = () => {};
    server.use(
      http.get(NS, () =>
        HttpResponse.json(
          namespaceStatus('shop-dev', 'awake', {
            counts: { total: 3, awake: 2, asleep: 0, excluded: 0, off: 1 },
            readiness: { ready: 1, total: 2 },
          }),
        ),
      ),
    );
    serveWake(
      () =>
        new Promise<void>(resolve => {
          finish = resolve;
        }),
    );
    await renderDialog(undefined, 'wake');
    const dialog = await previewAndConfirm('wake');
    expect(
      await within(dialog).findByText(
        'shop-dev is awake: 2 awake, 0 asleep, 1 off (stopped by the team) of 3 workload(s). 1 of 2 ready.',
      ),
    ).toBeInTheDocument();
    finish();
    expect(
      await within(dialog).findByText('Woke sandbox/shop-dev'),
    ).toBeInTheDocument();
  });

  it('shows each workload as its signal arrives, then the final result', async () => {
    const signals = fakeSignals();
    let finish = () => {};
    const sent = serveSleep(
      async progressId => {
        const channel = `namespace-scheduler:progress:${progressId}`;
        signals.send(
          channel,
          step(progressId, 'api-gateway', { step: 'scaled', done: 1 }),
        );
        await new Promise<void>(resolve => {
          finish = resolve;
        });
      },
      operationResult('sleep', {
        total_scaled: 2,
        scaled_resources: plan.scaled_resources.map(r => ({
          ...r,
          status: 'success' as const,
        })),
      }),
    );
    await renderDialog(signals.api);
    const dialog = await previewAndConfirm();

    // While the request is still open, the first workload is already shown.
    const live = await within(dialog).findByRole('table', {
      name: 'Progress per workload',
    });
    expect(
      within(live).getByRole('row', { name: /api-gateway Scaled: 2 → 0/ }),
    ).toBeInTheDocument();
    expect(within(dialog).getByRole('status')).toHaveTextContent(
      '1 of 2 workload(s) done',
    );
    expect(within(dialog).queryByText('Slept sandbox/shop-dev')).toBeNull();

    const progressId = sent[1].progressId ?? '';
    act(() =>
      signals.send(
        `namespace-scheduler:progress:${progressId}`,
        step(progressId, 'web', { step: 'scaled', done: 2 }),
      ),
    );
    expect(
      await within(live).findByRole('row', { name: /web Scaled: 2 → 0/ }),
    ).toBeInTheDocument();
    finish();

    expect(
      await within(dialog).findByText('Slept sandbox/shop-dev'),
    ).toBeInTheDocument();
    expect(within(dialog).getByRole('status')).toHaveTextContent(
      '2 of 2 workload(s) done',
    );
    // The channel was subscribed before the request, named by a UUID sent along.
    expect(progressId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(signals.channels()).toEqual([
      `namespace-scheduler:progress:${progressId}`,
    ]);
    expect(sent[0].progressId).toBeNull();
  });

  it('shows a failure rolled back, live and in the final result', async () => {
    const signals = fakeSignals();
    serveSleep(
      async progressId => {
        const channel = `namespace-scheduler:progress:${progressId}`;
        signals.send(
          channel,
          step(progressId, 'api-gateway', { step: 'scaled', done: 1 }),
        );
        signals.send(
          channel,
          step(progressId, 'web', {
            step: 'failed',
            done: 2,
            error: 'HTTP 500',
          }),
        );
        signals.send(
          channel,
          step(progressId, 'api-gateway', {
            step: 'rolled-back',
            done: 2,
            from_replicas: 0,
            to_replicas: 2,
          }),
        );
      },
      operationResult('sleep', {
        success: false,
        total_failed: 1,
        failed_resources: [
          {
            type: 'Deployment',
            name: 'web',
            status: 'failed',
            error: 'HTTP 500',
          },
        ],
        rollback_performed: true,
        rollback_success_count: 1,
        rollback_results: [
          {
            type: 'Deployment',
            name: 'api-gateway',
            restored_replicas: 2,
            status: 'success',
          },
        ],
      }),
    );
    await renderDialog(signals.api);
    const dialog = await previewAndConfirm();

    expect(
      await within(dialog).findByText('Sleep of sandbox/shop-dev failed'),
    ).toBeInTheDocument();
    const live = within(dialog).getByRole('table', {
      name: 'Progress per workload',
    });
    expect(
      within(live).getByRole('row', { name: /api-gateway Rolled back to 2/ }),
    ).toBeInTheDocument();
    expect(
      within(live).getByRole('row', { name: /web Failed: HTTP 500/ }),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(/Changes were rolled back: 1 restored/),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('table', { name: 'Rolled back' }),
    ).toHaveTextContent('api-gateway');
  });

  it('polls the namespace state while running when the portal has no signals', async () => {
    let finish = () => {};
    let reads = 0;
    server.use(
      http.get(NS, () => {
        reads += 1;
        return HttpResponse.json(namespaceStatus('shop-dev', 'partial'));
      }),
    );
    serveSleep(
      () =>
        new Promise<void>(resolve => {
          finish = resolve;
        }),
      operationResult('sleep', { total_scaled: 2 }),
    );
    await renderDialog();
    const dialog = await previewAndConfirm();

    expect(
      await within(dialog).findByText(/Live steps are unavailable/),
    ).toBeInTheDocument();
    expect(
      await within(dialog).findByText(
        'shop-dev is partial: 1 awake, 1 asleep of 2 workload(s).',
      ),
    ).toBeInTheDocument();
    finish();
    expect(
      await within(dialog).findByText('Slept sandbox/shop-dev'),
    ).toBeInTheDocument();
    const readsWhenDone = reads;
    expect(readsWhenDone).toBeGreaterThan(0);
    // Polling stops with the operation.
    await new Promise(resolve => setTimeout(resolve, 1_200));
    expect(reads).toBe(readsWhenDone);
    expect(within(dialog).queryByText(/Live steps are unavailable/)).toBeNull();
  });

  it('sleeps until a time: sends it with the run, not the plan, and shows the override', async () => {
    const sent = serveSleep(async () => {}, operationResult('sleep'));
    server.use(
      http.post(`${NS}/sleep`, async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        sent.push({ body, progressId: request.headers.get('x-progress-id') });
        if (body.dryRun) return HttpResponse.json({ result: plan });
        return HttpResponse.json({
          result: operationResult('sleep'),
          activityId: 'a1',
          schedule: {
            id: 'o1',
            kind: 'override',
            title: 'Sleep until 2030-01-02T18:00:00.000+00:00',
            cluster: 'sandbox',
            namespace: 'shop-dev',
            cost_center: 'CC-1001',
            zone: 'UTC',
            operation: 'sleep',
            until: '2030-01-02T18:00:00.000+00:00',
            status: 'active',
            created_by: 'user:default/guest',
            created_at: '2026-11-22T07:00:00Z',
            updated_at: '2026-11-22T07:00:00Z',
            run_count: 1,
            success_count: 1,
            error_count: 0,
            skipped_count: 0,
          },
        });
      }),
    );
    await renderDialog(fakeSignals().api);
    const dialog = await screen.findByRole('dialog');
    await costCenterPicker(dialog);
    const until = within(dialog).getByLabelText('Until (optional)');

    await userEvent.type(until, '2020-01-01T08:00');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Preview changes' }),
    );
    expect(
      await within(dialog).findByText('Until must be in the future'),
    ).toBeInTheDocument();
    expect(sent).toEqual([]);

    await userEvent.clear(until);
    await userEvent.type(until, '2030-01-02T18:00');
    await previewAndConfirm();

    expect(
      await within(dialog).findByText(/Held by the override/),
    ).toHaveTextContent(/"Asleep until Wed 2 Jan, \d\d:\d\d [A-Z]/);
    expect(sent[0].body).toEqual({ costCenter: 'CC-1001', dryRun: true });
    expect(sent[1].body).toEqual({
      costCenter: 'CC-1001',
      dryRun: false,
      until: new Date('2030-01-02T18:00').toISOString(),
      zone: new Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
  });
});
