import { registerMswTestHooks } from '@backstage/test-utils';
import { NamespaceStatus } from '@namespace-scheduler/backstage-plugin-common';
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
    expect(state.bodies).toEqual([
      { costCenter: 'CC-1001', replicas: 3, dryRun: true },
      { costCenter: 'CC-1001', replicas: 3, dryRun: false },
    ]);
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
