import { Entity } from '@backstage/catalog-model';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  MockFetchApi,
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { NamespaceStatus } from '@namespace-scheduler/backstage-plugin-common';
import { fireEvent, screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { namespaceSchedulerApiRef, NamespaceSchedulerClient } from '../../api';
import { EntityNamespaceScheduleContent } from './EntityNamespaceScheduleContent';

const entity = (annotations: Record<string, string> = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'shop-api', namespace: 'default', annotations },
  spec: { type: 'service', owner: 'team-commerce' },
});

const status = (
  namespace: string,
  state: NamespaceStatus['state'],
  extra: Partial<NamespaceStatus> = {},
): NamespaceStatus => ({
  cluster: 'sandbox',
  namespace,
  state,
  workloads: [
    { kind: 'Deployment', name: 'api-gateway', replicas: 2, readyReplicas: 2, excluded: false, state: 'awake' },
    { kind: 'StatefulSet', name: 'redis', replicas: 0, originalReplicas: 1, excluded: false, state: 'asleep' },
  ],
  counts: { total: 2, awake: 1, asleep: 1, excluded: 0 },
  observedAt: '2026-11-22T07:00:00Z',
  ...extra,
});

describe('EntityNamespaceScheduleContent', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const client = new NamespaceSchedulerClient({
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/namespace-scheduler' },
    fetchApi: new MockFetchApi(),
  });

  const render = (e: Entity) =>
    renderInTestApp(
      <TestApiProvider
        apis={[
          [namespaceSchedulerApiRef, client],
          [discoveryApiRef, {}],
          [fetchApiRef, new MockFetchApi()],
        ]}
      >
        <EntityProvider entity={e}>
          <EntityNamespaceScheduleContent />
        </EntityProvider>
      </TestApiProvider>,
    );

  it('shows each namespace with its live state and workload counts', async () => {
    let asked = '';
    server.use(
      http.get('http://backend/api/namespace-scheduler/entity-namespaces', ({ request }) => {
        asked = new URL(request.url).searchParams.get('entityRef') ?? '';
        return HttpResponse.json({
          items: [
            status('shop-dev', 'partial'),
            status('shop-staging', 'unknown', { error: 'Cluster "x" is not configured', workloads: [], counts: { total: 0, awake: 0, asleep: 0, excluded: 0 } }),
          ],
        });
      }),
    );
    await render(entity({ 'backstage.io/kubernetes-namespace': 'shop-dev' }));

    expect(await screen.findByText('shop-dev')).toBeInTheDocument();
    expect(asked).toBe('component:default/shop-api');
    expect(screen.getByText('Partial')).toBeInTheDocument();
    expect(screen.getByText('Unknown')).toBeInTheDocument();
    expect(screen.getAllByText('1 awake · 1 asleep')).toHaveLength(1);
    expect(screen.getByText('Cluster "x" is not configured')).toBeInTheDocument();
  });

  it('expands a namespace into its workloads', async () => {
    server.use(
      http.get('http://backend/api/namespace-scheduler/entity-namespaces', () =>
        HttpResponse.json({ items: [status('shop-dev', 'partial')] }),
      ),
    );
    await render(entity({ 'backstage.io/kubernetes-namespace': 'shop-dev' }));
    await screen.findByText('shop-dev');
    fireEvent.click(screen.getByRole('button', { name: /detail panel/i }));
    expect(await screen.findByText('api-gateway')).toBeInTheDocument();
    expect(screen.getByText('2 (2 ready)')).toBeInTheDocument();
  });

  it('shows a server error as an error', async () => {
    server.use(
      http.get('http://backend/api/namespace-scheduler/entity-namespaces', () =>
        HttpResponse.json(
          { error: { name: 'NotAllowedError', message: 'nope' } },
          { status: 403 },
        ),
      ),
    );
    await render(entity({ 'backstage.io/kubernetes-namespace': 'shop-dev' }));
    expect((await screen.findAllByText(/403 Forbidden/)).length).toBeGreaterThan(0);
    expect(screen.queryByText('shop-dev')).not.toBeInTheDocument();
  });

  it('explains the annotations when the entity declares no namespace', async () => {
    await render(entity());
    expect(await screen.findByText(/Missing Annotation/i)).toBeInTheDocument();
    expect(screen.getAllByText(/namespace-scheduler\/namespaces/).length).toBeGreaterThan(0);
  });
});
