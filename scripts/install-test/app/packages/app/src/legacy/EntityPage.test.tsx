// Install test (scripts/test-install.sh): renders the legacy entity page's
// "Namespace schedule" route, wired as the plugin README says, with the
// published client talking to the running backend of this app.
import { CatalogClient } from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import { catalogPlugin } from '@backstage/plugin-catalog';
import {
  catalogApiRef,
  entityRouteRef,
  EntityProvider,
  MockStarredEntitiesApi,
  starredEntitiesApiRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  MockFetchApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  namespaceSchedulerApiRef,
  NamespaceSchedulerClient,
} from '@namespace-scheduler/backstage-plugin';
import { screen } from '@testing-library/react';
import { serviceEntityPage } from './EntityPage';

function env(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set (run scripts/test-install.sh)`);
  return value;
}

jest.setTimeout(60_000);

describe('legacy EntityPage', () => {
  it('renders the Namespace schedule route with the live namespace', async () => {
    const backendUrl = env('NS_INSTALL_TEST_BACKEND_URL');
    const [kind, namespace, name] = env('NS_INSTALL_TEST_ENTITY').split('/');
    const fetchApi = new MockFetchApi({
      injectIdentityAuth: { token: env('NS_INSTALL_TEST_TOKEN') },
    });
    const discoveryApi = {
      getBaseUrl: async (pluginId: string) => `${backendUrl}/api/${pluginId}`,
    };
    const catalogApi = new CatalogClient({ discoveryApi, fetchApi });
    const entity: Entity | undefined = await catalogApi.getEntityByRef({
      kind,
      namespace,
      name,
    });
    expect(entity).toBeDefined();

    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            namespaceSchedulerApiRef,
            new NamespaceSchedulerClient({ discoveryApi, fetchApi }),
          ],
          [catalogApiRef, catalogApi],
          [permissionApiRef, mockApis.permission()],
          [starredEntitiesApiRef, new MockStarredEntitiesApi()],
        ]}
      >
        <EntityProvider entity={entity!}>{serviceEntityPage}</EntityProvider>
      </TestApiProvider>,
      {
        routeEntries: ['/namespace-schedule'],
        mountedRoutes: {
          '/catalog': catalogPlugin.routes.catalogIndex,
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );

    // The route's tab, then the namespace and its state as the backend read
    // them from the cluster.
    expect(await screen.findByText('Namespace schedule')).toBeInTheDocument();
    expect(
      await screen.findByText(env('NS_INSTALL_TEST_NAMESPACE'), undefined, {
        timeout: 30_000,
      }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(env('NS_INSTALL_TEST_STATE_LABEL')),
    ).toBeInTheDocument();
  });
});
