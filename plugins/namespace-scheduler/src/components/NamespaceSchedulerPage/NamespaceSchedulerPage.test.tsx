import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { useLocation } from 'react-router-dom';
import { ManagedNamespace } from '../../api';
import {
  errorResponse,
  namespaceStatus,
  permissionHandler,
  PLUGIN,
  renderWithApis,
} from '../../__testUtils__';
import { NamespaceSchedulerPage } from './NamespaceSchedulerPage';

jest.setTimeout(20_000);

const managed = (
  namespace: string,
  state: ManagedNamespace['state'],
): ManagedNamespace => ({
  ...namespaceStatus(namespace, state),
  entityRefs: ['component:default/shop-api'],
  ownerRefs: ['group:default/team-commerce'],
});

const costCenters = [
  {
    cost_center: 'CC-1001',
    is_authorized: true,
    allowed_groups: [],
    source: 'record',
    declared_by: [{ entity_ref: 'group:default/team-commerce' }],
    namespaces: [{ cluster: 'sandbox', namespace: 'shop-dev' }],
  },
];

// usePermission caches decisions for the whole file: the denied view is in
// NamespaceSchedulerPage.denied.test.tsx.
describe('NamespaceSchedulerPage', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  /** Shows the address bar's query. */
  const Location = () => (
    <output aria-label="query">{useLocation().search}</output>
  );

  const render = (url = '/') =>
    renderWithApis(
      <>
        <NamespaceSchedulerPage />
        <Location />
      </>,
      undefined,
      {
        routeEntries: [url],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );

  function serveNamespaces(answer: () => Response) {
    server.use(
      http.get(`${PLUGIN}/namespaces`, answer),
      http.get(`${PLUGIN}/cost-centers`, () =>
        HttpResponse.json({ items: costCenters }),
      ),
    );
  }

  it('shows admins every managed namespace with state, owner and cost centers', async () => {
    server.use(permissionHandler(() => 'ALLOW'));
    serveNamespaces(() =>
      HttpResponse.json({
        items: [
          managed('shop-dev', 'awake'),
          managed('search-dev', 'asleep'),
          {
            ...managed('cart-dev', 'awake'),
            readiness: { ready: 3, total: 7 },
          },
        ],
      }),
    );
    await render();
    expect(
      await screen.findByText('Managed namespaces (3)'),
    ).toBeInTheDocument();
    // Awake but not every workload ready yet: still waking.
    expect(
      within(screen.getByRole('row', { name: /cart-dev/ })).getByText(
        'Waking (3/7 ready)',
      ),
    ).toBeInTheDocument();
    const row = screen.getByRole('row', { name: /shop-dev/ });
    expect(row).toHaveTextContent('CC-1001');
    expect(within(row).getByText('team-commerce')).toBeInTheDocument();
    expect(screen.getByText('Asleep')).toBeInTheDocument();
    for (const tab of [
      'Off-hours slots',
      'Cost centers',
      'Activity',
      'Cost report',
      'Migration',
    ]) {
      expect(screen.getByRole('tab', { name: tab })).toBeInTheDocument();
    }
  });

  it('shows a failure as an error, not as data', async () => {
    server.use(permissionHandler(() => 'ALLOW'));
    serveNamespaces(() => errorResponse(503, 'cluster unreachable'));
    await render();
    expect(
      (await screen.findAllByText(/cluster unreachable/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText(/Managed namespaces/)).not.toBeInTheDocument();
  });

  it('switches between the sections', async () => {
    server.use(
      permissionHandler(() => 'ALLOW'),
      http.get(`${PLUGIN}/cost-report`, () =>
        errorResponse(
          403,
          'namespace-scheduler.activity.read-all is not allowed',
        ),
      ),
    );
    serveNamespaces(() => HttpResponse.json({ items: [] }));
    await render();
    await userEvent.click(
      await screen.findByRole('tab', { name: 'Cost report' }),
    );
    expect(
      (await screen.findAllByText(/read-all is not allowed/)).length,
    ).toBeGreaterThan(0);
  });

  it('puts the section in the URL, and opens the section a link names', async () => {
    server.use(
      permissionHandler(() => 'ALLOW'),
      http.get(`${PLUGIN}/off-hours/slots`, () =>
        errorResponse(503, 'off-hours unavailable'),
      ),
    );
    serveNamespaces(() => HttpResponse.json({ items: [] }));
    await render('/?tab=cost-centers&keep=1');
    expect(
      await screen.findByRole('tab', { name: 'Cost centers', selected: true }),
    ).toBeInTheDocument();
    expect(await screen.findByText('CC-1001')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('tab', { name: 'Off-hours slots' }));
    expect(screen.getByRole('status', { name: 'query' })).toHaveTextContent(
      '?tab=off-hours&keep=1',
    );
    expect(
      screen.getByRole('tab', { name: 'Off-hours slots', selected: true }),
    ).toBeInTheDocument();
    expect(
      (await screen.findAllByText(/off-hours unavailable/)).length,
    ).toBeGreaterThan(0);
  });

  it('opens the first section for an unknown one', async () => {
    server.use(permissionHandler(() => 'ALLOW'));
    serveNamespaces(() => HttpResponse.json({ items: [] }));
    await render('/?tab=nope');
    expect(
      await screen.findByRole('tab', { name: 'Namespaces', selected: true }),
    ).toBeInTheDocument();
  });
});
