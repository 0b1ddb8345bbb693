import { registerMswTestHooks } from '@backstage/test-utils';
import {
  NamespaceStatus,
  OperationResult,
} from '@namespace-scheduler/backstage-plugin-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  chooseCostCenter,
  componentEntity,
  costCenter,
  costCenterPicker,
  costCentersHandler,
  emptyTabHandlers,
  errorResponse,
  escapeAndAnswer,
  escapeCloses,
  offHoursHandler,
  namespaceStatus,
  operationResult,
  permissionHandler,
  PLUGIN,
  renderWithApis,
  scaledResource,
} from '../../__testUtils__';
import { EntityNamespaceScheduleContent } from '../EntityNamespaceScheduleContent';

const NS = `${PLUGIN}/namespaces/sandbox/shop-dev`;

// Dialogs and tables of the real components take a while on a busy machine.
jest.setTimeout(20_000);

describe('wake, sleep and scale from the entity tab', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  beforeEach(() => server.use(...emptyTabHandlers()));

  /** The tab over namespaces whose state the test may change; records operation bodies. */
  function serve(...namespaces: NamespaceStatus[]) {
    const state = { namespaces, bodies: [] as unknown[] };
    server.use(
      permissionHandler(),
      http.get(`${PLUGIN}/entity-namespaces`, () =>
        HttpResponse.json({ items: state.namespaces }),
      ),
      // What the tab reads again while a namespace settles.
      http.get(NS, () => HttpResponse.json(state.namespaces[0])),
    );
    return state;
  }

  const renderTab = () =>
    renderWithApis(
      <EntityNamespaceScheduleContent />,
      componentEntity({ 'namespace-scheduler/namespaces': 'sandbox/shop-dev' }),
    );

  /** Opens an action's dialog once permissions have been checked. */
  async function open(name: string) {
    const button = await screen.findByRole('button', { name });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    return screen.findByRole('dialog');
  }

  it('sleeps after a dry-run preview, shows the result and refreshes the live state', async () => {
    const state = serve(namespaceStatus('shop-dev', 'awake'));
    server.use(
      http.post(`${NS}/sleep`, async ({ request }) => {
        const body = (await request.json()) as { dryRun?: boolean };
        state.bodies.push(body);
        if (body.dryRun) {
          return HttpResponse.json({
            result: operationResult('sleep', {
              dry_run: true,
              scaled_resources: [
                scaledResource('api-gateway', 'planned'),
                {
                  type: 'CronJob',
                  name: 'session-cleanup',
                  from_replicas: 1,
                  to_replicas: 0,
                  status: 'planned',
                },
              ],
              skipped_resources: [
                {
                  type: 'Deployment',
                  name: 'debug-toolbox',
                  reason: 'excluded by namespace-scheduler/exclude',
                },
              ],
            }),
          });
        }
        state.namespaces = [namespaceStatus('shop-dev', 'asleep')];
        return HttpResponse.json({
          result: operationResult('sleep', {
            scaled_resources: [scaledResource('api-gateway', 'success')],
            total_scaled: 1,
          }),
          activityId: 'a1',
        });
      }),
    );
    await renderTab();
    const dialog = await open('Sleep now shop-dev');
    expect(within(dialog).getByText(/Sleep shop-dev now/)).toBeInTheDocument();

    // The sole chargeable cost center is chosen; the others say why not.
    const picker = await costCenterPicker(dialog);
    expect(picker).toHaveTextContent('CC-1001');
    await userEvent.click(picker);
    expect(
      screen.getByRole('option', { name: 'CC-9999 (not authorized)' }),
    ).toHaveAttribute('aria-disabled', 'true');
    await userEvent.click(screen.getByRole('option', { name: 'CC-1001' }));
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Preview changes' }),
    );

    const plan = await within(dialog).findByRole('table', {
      name: 'Would change',
    });
    expect(
      within(plan).getByRole('row', { name: 'Deployment api-gateway 2 0' }),
    ).toBeInTheDocument();
    expect(
      within(plan).getByRole('row', {
        name: 'CronJob session-cleanup active suspended',
      }),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('table', { name: /Left alone/ }),
    ).toHaveTextContent('debug-toolbox');
    expect(
      within(dialog).getByText(/Nothing has changed yet/),
    ).toBeInTheDocument();
    expect(state.bodies).toEqual([{ costCenter: 'CC-1001', dryRun: true }]);

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm sleep' }),
    );
    expect(
      await within(dialog).findByText('Slept sandbox/shop-dev'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('1 workload(s) changed.'),
    ).toBeInTheDocument();
    expect(state.bodies[1]).toEqual({ costCenter: 'CC-1001', dryRun: false });

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    // The live state was read again when the operation completed.
    expect(screen.getByRole('row', { name: /shop-dev/ })).toHaveTextContent(
      'Asleep',
    );
  });

  it('scales to N and reports a failure with its rollback', async () => {
    const state = serve(namespaceStatus('shop-dev', 'awake'));
    server.use(
      http.post(`${NS}/scale`, async ({ request }) => {
        const body = (await request.json()) as { dryRun?: boolean };
        state.bodies.push(body);
        if (body.dryRun) {
          return HttpResponse.json({
            result: operationResult('scale', {
              dry_run: true,
              scaled_resources: [
                scaledResource('api-gateway', 'planned', { to_replicas: 3 }),
              ],
            }),
          });
        }
        return HttpResponse.json({
          result: operationResult('scale', {
            success: false,
            scaled_resources: [
              scaledResource('api-gateway', 'success', { to_replicas: 3 }),
            ],
            failed_resources: [
              {
                type: 'StatefulSet',
                name: 'redis',
                status: 'failed',
                error: 'the server is currently unable to handle the request',
              },
            ],
            total_scaled: 1,
            total_failed: 1,
            rollback_performed: true,
            rollback_results: [
              {
                type: 'Deployment',
                name: 'api-gateway',
                restored_replicas: 2,
                status: 'success',
              },
            ],
            rollback_success_count: 1,
            errors: [
              'StatefulSet redis: the server is currently unable to handle the request',
            ],
          }),
          activityId: 'a2',
        });
      }),
    );
    await renderTab();
    const dialog = await open('Scale shop-dev');
    await chooseCostCenter(dialog, 'CC-1001');
    const replicas = within(dialog).getByLabelText(/Replicas/);
    await userEvent.clear(replicas);
    await userEvent.type(replicas, '3');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Preview changes' }),
    );
    expect(
      await within(dialog).findByRole('row', {
        name: 'Deployment api-gateway 2 3',
      }),
    ).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm scale' }),
    );

    expect(
      await within(dialog).findByText('Scale of sandbox/shop-dev failed'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(/Changes were rolled back: 1 restored\./),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(
        'StatefulSet redis: the server is currently unable to handle the request',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('table', { name: 'Failed' }),
    ).toHaveTextContent('redis');
    expect(
      within(
        within(dialog).getByRole('table', { name: 'Rolled back' }),
      ).getByRole('row', {
        name: 'Deployment api-gateway 2 success',
      }),
    ).toBeInTheDocument();
    // Scaling up waits until ready by default; the plan does not.
    expect(state.bodies).toEqual([
      { costCenter: 'CC-1001', replicas: 3, dryRun: true },
      {
        costCenter: 'CC-1001',
        replicas: 3,
        dryRun: false,
        waitForReadySeconds: 180,
      },
    ]);
  });

  /** The wake route: the plan for a dry run, else `result` (bodies recorded). */
  function serveWake(state: { bodies: unknown[] }, result: OperationResult) {
    server.use(
      http.post(`${NS}/wake`, async ({ request }) => {
        const body = (await request.json()) as { dryRun?: boolean };
        state.bodies.push(body);
        return HttpResponse.json(
          body.dryRun
            ? {
                result: operationResult('wake', {
                  dry_run: true,
                  scaled_resources: [
                    scaledResource('api-gateway', 'planned', {
                      from_replicas: 0,
                      to_replicas: 2,
                    }),
                  ],
                }),
              }
            : { result, activityId: 'a3' },
        );
      }),
    );
  }

  /** Opens Wake, picks the cost center and previews; `edit` changes the form first. */
  async function previewWake(edit?: (dialog: HTMLElement) => Promise<void>) {
    const dialog = await open('Wake now shop-dev');
    await chooseCostCenter(dialog, 'CC-1001');
    await edit?.(dialog);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Preview changes' }),
    );
    await userEvent.click(
      await within(dialog).findByRole('button', { name: 'Confirm wake' }),
    );
    return dialog;
  }

  const woke = (extra: Partial<OperationResult>) =>
    operationResult('wake', {
      scaled_resources: [
        scaledResource('api-gateway', 'success', {
          from_replicas: 0,
          to_replicas: 2,
        }),
      ],
      total_scaled: 1,
      ...extra,
    });

  it('wakes waiting until every workload is ready, then says so', async () => {
    const state = serve(namespaceStatus('shop-dev', 'asleep'));
    serveWake(
      state,
      woke({
        readiness: {
          ready: 2,
          total: 2,
          waited: true,
          timed_out: false,
          workloads: [
            {
              type: 'Deployment',
              name: 'api-gateway',
              replicas: 2,
              ready_replicas: 2,
            },
            {
              type: 'StatefulSet',
              name: 'redis',
              replicas: 1,
              ready_replicas: 1,
            },
          ],
        },
      }),
    );
    await renderTab();
    const dialog = await previewWake(async form => {
      const wait = within(form).getByRole('checkbox', {
        name: 'Wait until ready (up to 3 minutes)',
      });
      expect(wait).toBeChecked();
      expect(wait).toHaveAccessibleDescription(
        /ends once every Deployment and StatefulSet it starts has all replicas ready, or after 3 minutes/,
      );
    });
    expect(
      await within(dialog).findByText('Woke sandbox/shop-dev'),
    ).toBeInTheDocument();
    expect(within(dialog).getByRole('note')).toHaveTextContent(
      '2 of 2 workloads ready.',
    );
    // The outcome stays the dialog's one alert.
    expect(within(dialog).getAllByRole('alert')).toHaveLength(1);
    expect(state.bodies).toEqual([
      { costCenter: 'CC-1001', dryRun: true },
      { costCenter: 'CC-1001', dryRun: false, waitForReadySeconds: 180 },
    ]);
  });

  it('reports a wake not ready in time as a warning, not a failure', async () => {
    const state = serve(namespaceStatus('shop-dev', 'asleep'));
    serveWake(
      state,
      woke({
        readiness: {
          ready: 1,
          total: 2,
          waited: true,
          timed_out: true,
          workloads: [
            {
              type: 'Deployment',
              name: 'api-gateway',
              replicas: 2,
              ready_replicas: 2,
            },
            {
              type: 'StatefulSet',
              name: 'redis',
              replicas: 1,
              ready_replicas: 0,
            },
          ],
        },
        warnings: [
          '1 of 2 workloads ready when the wait ended; not ready: StatefulSet redis (0/1)',
          'HPA api-gateway: minReplicas restored from the activity log',
        ],
      }),
    );
    await renderTab();
    const dialog = await previewWake();
    expect(
      await within(dialog).findByText('Woke sandbox/shop-dev'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(
        /^1 of 2 ready when the wait ended: StatefulSet redis \(0\/1 ready\)\. Nothing was undone/,
      ),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('Not ready in time')).toBeInTheDocument();
    // Other warnings are listed; the engine's own readiness warning is not repeated.
    expect(
      within(dialog).getByText(
        'HPA api-gateway: minReplicas restored from the activity log',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).queryByText(/workloads ready when the wait ended/),
    ).not.toBeInTheDocument();
  });

  it('wakes without waiting when unchecked, and says what is still starting', async () => {
    const state = serve(namespaceStatus('shop-dev', 'asleep'));
    serveWake(
      state,
      woke({
        readiness: {
          ready: 0,
          total: 1,
          waited: false,
          timed_out: false,
          workloads: [
            {
              type: 'Deployment',
              name: 'api-gateway',
              replicas: 2,
              ready_replicas: 0,
            },
          ],
        },
      }),
    );
    await renderTab();
    const dialog = await previewWake(async form => {
      await userEvent.click(
        within(form).getByRole('checkbox', { name: /Wait until ready/ }),
      );
      expect(
        within(form).getByText(/ends once the cluster accepts/),
      ).toBeInTheDocument();
    });
    expect(
      await within(dialog).findByText(
        /^0 of 1 workloads ready so far; still starting: Deployment api-gateway \(0\/2 ready\)/,
      ),
    ).toBeInTheDocument();
    expect(state.bodies[1]).toEqual({ costCenter: 'CC-1001', dryRun: false });
  });

  it('refuses a busy namespace with who holds it, and shows the hold on the tab', async () => {
    const state = serve(namespaceStatus('shop-dev', 'asleep'));
    const holder = {
      operation: 'sleep' as const,
      requested_by: 'user:default/alice',
      started_at: '2026-12-02T22:40:01.000Z',
      state: 'running' as const,
    };
    const message =
      'shop-dev on sandbox is busy: a sleep requested by user:default/alice at 2026-12-02T22:40:01Z is in progress; try again when it ends';
    server.use(
      http.post(`${NS}/wake`, async ({ request }) => {
        const body = (await request.json()) as { dryRun?: boolean };
        if (body.dryRun) {
          return HttpResponse.json({
            result: operationResult('wake', { dry_run: true }),
          });
        }
        // The sleep holding it shows on the tab from now on.
        state.namespaces = [
          namespaceStatus('shop-dev', 'awake', { operation: holder }),
        ];
        return errorResponse(409, message, { operation: holder });
      }),
    );
    await renderTab();
    const dialog = await previewWake();
    const refused = await within(dialog).findByRole('alert');
    expect(refused).toHaveTextContent('The namespace is busy');
    expect(refused).toHaveTextContent(message);
    expect(
      within(dialog).getByRole('button', { name: 'Confirm wake' }),
    ).toBeInTheDocument();

    await userEvent.click(within(dialog).getByRole('button', { name: 'Back' }));
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );
    const row = screen.getByRole('row', { name: /shop-dev/ });
    expect(await within(row).findByText('Sleeping…')).toBeInTheDocument();
    expect(row).toHaveTextContent(/by alice since/);
  });

  it('shows the warnings of a plan, such as a repair still pending', async () => {
    serve(namespaceStatus('shop-dev', 'partial'));
    const warning =
      'shop-dev on sandbox needs repair: a sleep at 2026-12-02T22:40:01Z failed while the cluster was unreachable and 3 change(s) are not yet undone; operations resume once the scheduler has restored them; until then the operation is refused';
    server.use(
      http.post(`${NS}/wake`, () =>
        HttpResponse.json({
          result: operationResult('wake', {
            dry_run: true,
            warnings: [warning],
          }),
        }),
      ),
    );
    await renderTab();
    const dialog = await open('Wake now shop-dev');
    await chooseCostCenter(dialog, 'CC-1001');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Preview changes' }),
    );
    expect(await within(dialog).findByText(warning)).toBeInTheDocument();
    expect(within(dialog).getByText('Warnings')).toBeInTheDocument();
  });

  it('offers to wait only when scaling up', async () => {
    serve(namespaceStatus('shop-dev', 'awake'));
    await renderTab();
    const dialog = await open('Scale shop-dev');
    expect(
      within(dialog).getByRole('checkbox', { name: /Wait until ready/ }),
    ).toBeChecked();
    const replicas = within(dialog).getByLabelText(/Replicas/);
    await userEvent.clear(replicas);
    await userEvent.type(replicas, '0');
    expect(
      within(dialog).queryByRole('checkbox', { name: /Wait until ready/ }),
    ).not.toBeInTheDocument();
  });

  it('asks before Esc discards a changed form, and closes an untouched one (its sole cost center preset) at once', async () => {
    serve(namespaceStatus('shop-dev', 'awake'));
    await renderTab();
    let dialog = await open('Scale shop-dev');
    // The only chargeable cost center is filled in: not a change of the user's.
    expect(await costCenterPicker(dialog)).toHaveTextContent('CC-1001');
    await escapeCloses();

    dialog = await open('Scale shop-dev');
    await costCenterPicker(dialog);
    const replicas = within(dialog).getByLabelText(/Replicas/);
    await userEvent.clear(replicas);
    await userEvent.type(replicas, '3');
    await escapeAndAnswer('Keep editing');
    expect(within(dialog).getByLabelText(/Replicas/)).toHaveValue(3);
    await escapeAndAnswer('Discard');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('checks the cost center and replicas before asking the server', async () => {
    const state = serve(namespaceStatus('shop-dev', 'awake'));
    server.use(
      costCentersHandler([costCenter('CC-1001'), costCenter('CC-1002')]),
    );
    await renderTab();
    const dialog = await open('Scale shop-dev');
    await costCenterPicker(dialog);
    const replicas = within(dialog).getByLabelText(/Replicas/);
    await userEvent.clear(replicas);
    await userEvent.type(replicas, '1001');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Preview changes' }),
    );
    expect(
      within(dialog).getByText('Cost center is required'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(
        'Replicas must be a whole number from 0 to 1000',
      ),
    ).toBeInTheDocument();
    expect(state.bodies).toEqual([]);
  });

  it('shows the HPA bounds and refuses a count they would undo before asking the server', async () => {
    const state = serve({
      ...namespaceStatus('shop-dev', 'awake'),
      autoscalers: [
        {
          name: 'api-gateway',
          target: { kind: 'Deployment', name: 'api-gateway' },
          minReplicas: 2,
          maxReplicas: 10,
        },
        {
          name: 'user-service',
          target: { kind: 'Deployment', name: 'user-service' },
          minReplicas: 2,
          maxReplicas: 8,
        },
      ],
    });
    await renderTab();
    const dialog = await open('Scale shop-dev');
    await chooseCostCenter(dialog, 'CC-1001');
    expect(
      within(dialog).getByText(
        'HorizontalPodAutoscaler user-service: Deployment user-service from 2 to 8 replicas',
      ),
    ).toBeInTheDocument();
    const replicas = within(dialog).getByLabelText(/Replicas/);
    // Starts at the lowest count the HPAs allow, and offers no more than they do.
    expect(replicas).toHaveValue(2);
    expect(replicas).toHaveAttribute('max', '8');
    expect(
      within(dialog).getByText(
        'Every Deployment and StatefulSet is scaled to this many: choose from 2 to 8, or 0 to sleep',
      ),
    ).toBeInTheDocument();
    for (const [count, message] of [
      [
        '1',
        'Replicas 1 is below minReplicas 2 of HorizontalPodAutoscaler api-gateway, which would scale it back up (it scales Deployment api-gateway) — choose from 2 to 8, or 0 to sleep',
      ],
      [
        '9',
        'Replicas 9 is above maxReplicas 8 of HorizontalPodAutoscaler user-service, which would scale it back down (it scales Deployment user-service) — choose from 2 to 8, or 0 to sleep',
      ],
    ]) {
      await userEvent.clear(replicas);
      await userEvent.type(replicas, count);
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Preview changes' }),
      );
      expect(await within(dialog).findByText(message)).toBeInTheDocument();
    }
    expect(state.bodies).toEqual([]);
  });

  it('shows a 400 that names a field next to that field', async () => {
    serve(namespaceStatus('shop-dev', 'awake'));
    server.use(
      http.post(`${NS}/wake`, () =>
        errorResponse(
          400,
          'costCenter: CC-1001 is not authorized for group:default/team-commerce',
        ),
      ),
    );
    await renderTab();
    const dialog = await open('Wake now shop-dev');
    await chooseCostCenter(dialog, 'CC-1001');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Preview changes' }),
    );
    expect(
      await within(dialog).findByText(
        'Cost center CC-1001 is not authorized for group:default/team-commerce',
      ),
    ).toBeInTheDocument();
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows a 403 on the preview and a 409 on confirm as errors', async () => {
    serve(namespaceStatus('shop-dev', 'awake'));
    let denied = true;
    server.use(
      http.post(`${NS}/wake`, async ({ request }) => {
        const body = (await request.json()) as { dryRun?: boolean };
        if (denied) {
          return errorResponse(
            403,
            'namespace-scheduler.namespace.operate is not allowed on sandbox/shop-dev',
          );
        }
        return body.dryRun
          ? HttpResponse.json({
              result: operationResult('wake', { dry_run: true }),
            })
          : errorResponse(
              409,
              'An operation on sandbox/shop-dev is already running',
            );
      }),
    );
    await renderTab();
    const dialog = await open('Wake now shop-dev');
    await chooseCostCenter(dialog, 'CC-1001');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Preview changes' }),
    );
    const forbidden = await within(dialog).findByRole('alert');
    expect(forbidden).toHaveTextContent('Not allowed');
    expect(forbidden).toHaveTextContent(
      'namespace-scheduler.namespace.operate is not allowed on sandbox/shop-dev',
    );

    denied = false;
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Preview changes' }),
    );
    expect(
      await within(dialog).findByText(/Nothing would change/),
    ).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm wake' }),
    );
    const conflict = await within(dialog).findByRole('alert');
    expect(conflict).toHaveTextContent('Conflict');
    expect(conflict).toHaveTextContent(
      'An operation on sandbox/shop-dev is already running',
    );
    expect(
      within(dialog).getByRole('button', { name: 'Confirm wake' }),
    ).toBeInTheDocument();
  });

  it('does not offer to confirm when the dry run fails', async () => {
    serve(namespaceStatus('shop-dev', 'awake'));
    server.use(
      http.post(`${NS}/sleep`, () =>
        HttpResponse.json({
          result: operationResult('sleep', {
            dry_run: true,
            success: false,
            errors: ['cluster sandbox: connect ECONNREFUSED'],
          }),
        }),
      ),
    );
    await renderTab();
    const dialog = await open('Sleep now shop-dev');
    await chooseCostCenter(dialog, 'CC-1001');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Preview changes' }),
    );
    expect(
      await within(dialog).findByText('cluster sandbox: connect ECONNREFUSED'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Confirm sleep' }),
    ).toBeDisabled();
  });

  it('disables the actions with the reason when the user may not operate the namespace', async () => {
    server.use(
      permissionHandler((permission, ref) =>
        permission === 'namespace-scheduler.namespace.operate' &&
        ref === 'sandbox/payments-dev'
          ? 'DENY'
          : 'ALLOW',
      ),
      http.get(`${PLUGIN}/entity-namespaces`, () =>
        HttpResponse.json({
          items: [namespaceStatus('payments-dev', 'awake')],
        }),
      ),
    );
    await renderTab();
    expect(
      await screen.findByText(
        /Only owners of an entity that claims this namespace/,
      ),
    ).toBeInTheDocument();
    for (const name of [
      'Wake now payments-dev',
      'Sleep now payments-dev',
      'Scale payments-dev',
    ]) {
      const button = screen.getByRole('button', { name });
      expect(button).toBeDisabled();
      expect(button).toHaveAccessibleDescription(/Only owners of an entity/);
    }
  });

  it('disables waking with the reason when every off-hours slot is taken', async () => {
    serve(
      namespaceStatus('shop-dev', 'asleep'),
      namespaceStatus('shop-staging', 'asleep'),
    );
    server.use(
      offHoursHandler({
        off_hours: true,
        limit: 2,
        used: { global: 2 },
        slots: [
          {
            cluster: 'sandbox',
            namespace: 'shop-staging',
            slot: 1,
            scope: 'global',
            cost_center: 'CC-1001',
            requested_by: 'user:default/guest',
            acquired_at: '2026-11-23T20:05:00Z',
          },
          {
            cluster: 'sandbox',
            namespace: 'search-dev',
            slot: 2,
            scope: 'global',
            cost_center: 'CC-3001',
            requested_by: 'scheduler',
            acquired_at: '2026-11-23T20:05:00Z',
          },
        ],
      }),
    );
    await renderTab();
    expect(
      await screen.findByText(
        /at most 2 namespaces may be awake; awake now: 2/,
      ),
    ).toBeInTheDocument();
    const wake = await screen.findByRole('button', {
      name: 'Wake now shop-dev',
    });
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Sleep now shop-dev' }),
      ).toBeEnabled(),
    );
    expect(wake).toBeDisabled();
    expect(wake).toHaveAccessibleDescription(
      /Wake: Off-hours until .*: all 2 namespaces that may stay awake are awake/,
    );
    // shop-staging holds a slot: it may wake again.
    expect(
      screen.getByRole('button', { name: 'Wake now shop-staging' }),
    ).toBeEnabled();
  });

  it('says when the off-hours limit cannot be read', async () => {
    serve(namespaceStatus('shop-dev', 'awake'));
    server.use(
      http.get(`${PLUGIN}/off-hours`, () => errorResponse(404, 'Not found')),
    );
    await renderTab();
    expect(
      await screen.findByText(/Could not read the off-hours limit/),
    ).toBeInTheDocument();
  });

  it('explains an empty cost-center list and still refuses to go on without one', async () => {
    const state = serve(namespaceStatus('shop-dev', 'awake'));
    server.use(costCentersHandler([]));
    await renderTab();
    const dialog = await open('Wake now shop-dev');
    expect(
      await within(dialog).findByText(
        /No entity claiming this namespace declares a cost center/,
      ),
    ).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Preview changes' }),
    );
    expect(
      within(dialog).getByText('Cost center is required'),
    ).toBeInTheDocument();
    expect(state.bodies).toEqual([]);
  });
});
