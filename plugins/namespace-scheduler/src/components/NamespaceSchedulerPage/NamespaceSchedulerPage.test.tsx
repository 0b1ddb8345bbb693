import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  ManagedNamespace,
  NamespaceSchedulerApi,
  namespaceSchedulerApiRef,
} from '../../api';
import { NamespaceSchedulerPage } from './NamespaceSchedulerPage';

const row = (
  namespace: string,
  state: ManagedNamespace['state'],
): ManagedNamespace => ({
  cluster: 'sandbox',
  namespace,
  state,
  workloads: [],
  counts: { total: 3, awake: 3, asleep: 0, excluded: 0 },
  observedAt: '2026-11-22T07:00:00Z',
  entityRefs: ['component:default/shop-api'],
  ownerRefs: ['group:default/team-commerce'],
});

const fakeApi = (
  rows: ManagedNamespace[] | Error,
): Pick<NamespaceSchedulerApi, 'listNamespaces'> => ({
  listNamespaces: async () => {
    if (rows instanceof Error) throw rows;
    return rows;
  },
});

const render = (api: Pick<NamespaceSchedulerApi, 'listNamespaces'>) =>
  renderInTestApp(
    <TestApiProvider apis={[[namespaceSchedulerApiRef, api]]}>
      <NamespaceSchedulerPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );

describe('NamespaceSchedulerPage', () => {
  it('lists every managed namespace with state and owner', async () => {
    await render(
      fakeApi([row('shop-dev', 'awake'), row('search-dev', 'asleep')]),
    );
    expect(
      await screen.findByText('Managed namespaces (2)'),
    ).toBeInTheDocument();
    expect(screen.getByText('shop-dev')).toBeInTheDocument();
    expect(screen.getByText('Asleep')).toBeInTheDocument();
    expect(screen.getAllByText('team-commerce')).toHaveLength(2);
  });

  it('shows a failure as an error, not as data', async () => {
    await render(fakeApi(new Error('cluster unreachable')));
    expect(
      (await screen.findAllByText(/cluster unreachable/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText(/Managed namespaces/)).not.toBeInTheDocument();
  });
});
