import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  IdentityPermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import {
  mockApis,
  MockFetchApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  NamespaceCostCenter,
  OffHoursStatus,
} from '@namespace-scheduler/backstage-plugin-common';
import { http, HttpResponse } from 'msw';
import { SetupServer } from 'msw/node';
import { ReactNode } from 'react';
import { namespaceSchedulerApiRef, NamespaceSchedulerClient } from '../api';
import { businessHours, defaultCostCenters } from './fixtures';

/** Where msw answers for the backend. */
export const BACKEND = 'http://backend/api';
export const PLUGIN = `${BACKEND}/namespace-scheduler`;

const discoveryApi = {
  getBaseUrl: async (pluginId: string) => `${BACKEND}/${pluginId}`,
};

type Decision = 'ALLOW' | 'DENY';
type AuthorizeItem = {
  id: string;
  permission: { name: string };
  resourceRef?: string;
};

/**
 * The permission backend's authorize route, deciding per permission name and
 * resource ref, so the real permission API and `usePermission` run in tests.
 */
export const permissionHandler = (
  decide: (permission: string, resourceRef?: string) => Decision = () =>
    'ALLOW',
) =>
  http.post(`${BACKEND}/permission/authorize`, async ({ request }) => {
    const { items } = (await request.json()) as { items: AuthorizeItem[] };
    return HttpResponse.json({
      items: items.map(item => ({
        id: item.id,
        result: decide(item.permission.name, item.resourceRef),
      })),
    });
  });

export const componentEntity = (
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'shop-api', namespace: 'default', annotations },
  spec: { type: 'service', owner: 'team-commerce' },
});

/**
 * Renders `children` in a test app with the real client and permission API
 * (both talking to msw), inside an entity when given.
 */
export function renderWithApis(
  children: ReactNode,
  entity?: Entity,
  options?: Parameters<typeof renderInTestApp>[1],
) {
  const client = new NamespaceSchedulerClient({
    discoveryApi,
    fetchApi: new MockFetchApi(),
  });
  const permissionApi = IdentityPermissionApi.create({
    config: mockApis.config({ data: { permission: { enabled: true } } }),
    discovery: discoveryApi,
    identity: mockApis.identity(),
  });
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [namespaceSchedulerApiRef, client],
        [permissionApiRef, permissionApi],
      ]}
    >
      {entity ? (
        <EntityProvider entity={entity}>{children}</EntityProvider>
      ) : (
        children
      )}
    </TestApiProvider>,
    options,
  );
}

/** A namespace's valid cost centers: CC-1001 chargeable, CC-9999 not authorized. */
export const costCentersHandler = (
  items: NamespaceCostCenter[] = defaultCostCenters,
) =>
  http.get(`${PLUGIN}/namespaces/:cluster/:namespace/cost-centers`, () =>
    HttpResponse.json({ items }),
  );

/** Business hours: no off-hours limit applies. */
export const offHoursHandler = (status: Partial<OffHoursStatus> = {}) =>
  http.get(`${PLUGIN}/off-hours`, () =>
    HttpResponse.json({ ...businessHours, ...status }),
  );

/** Answers every activity query with `answer`; returns the queries as they arrive. */
export function serveActivities(
  server: SetupServer,
  answer: (query: URLSearchParams) => Response,
) {
  const queries: URLSearchParams[] = [];
  server.use(
    http.get(`${PLUGIN}/activities`, ({ request }) => {
      const query = new URL(request.url).searchParams;
      queries.push(query);
      return answer(query);
    }),
  );
  return queries;
}

/** Empty answers for the tab's sections a test does not look at. */
export const emptyTabHandlers = () => [
  offHoursHandler(),
  costCentersHandler(),
  http.get(`${PLUGIN}/schedules`, () => HttpResponse.json({ items: [] })),
  http.get(`${PLUGIN}/declared-schedules`, () =>
    HttpResponse.json({ items: [] }),
  ),
  http.get(`${PLUGIN}/activities`, () => HttpResponse.json({ items: [] })),
  http.get(`${PLUGIN}/awake-hours`, () => HttpResponse.json({ items: [] })),
  http.get(`${PLUGIN}/cost-estimate`, () =>
    HttpResponse.json({ available: false, reason: 'prices-not-configured' }),
  ),
];
