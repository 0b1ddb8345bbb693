import { registerMswTestHooks } from '@backstage/test-utils';
import { fireEvent, screen } from '@testing-library/react';
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
} from '../../__testUtils__';
import { EntityNamespaceScheduleContent } from './EntityNamespaceScheduleContent';

// Dialogs and tables of the real components take a while on a busy machine.
jest.setTimeout(20_000);

describe('EntityNamespaceScheduleContent', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  beforeEach(() => server.use(permissionHandler(), ...emptyTabHandlers()));

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
              counts: { total: 0, awake: 0, asleep: 0, excluded: 0 },
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

  it('shows a server error as an error', async () => {
    server.use(
      http.get(`${PLUGIN}/entity-namespaces`, () => errorResponse(403, 'nope')),
    );
    await render({ 'backstage.io/kubernetes-namespace': 'shop-dev' });
    expect(
      (await screen.findAllByText(/403 Forbidden/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText('shop-dev')).not.toBeInTheDocument();
  });

  it('explains the annotations when the entity declares no namespace', async () => {
    await render({});
    expect(await screen.findByText(/Missing Annotation/i)).toBeInTheDocument();
    expect(
      screen.getAllByText(/namespace-scheduler\/namespaces/).length,
    ).toBeGreaterThan(0);
  });
});
