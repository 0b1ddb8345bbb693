import {
  makeInformer,
  PatchStrategy,
  V1Deployment,
} from '@kubernetes/client-node';
import {
  clientsFor,
  deployment,
  namespace,
  patchAs,
} from './__testUtils__/clients';
import { KubeSandbox, startKubeSandbox } from './sandbox';

interface WatchEvent {
  type: string;
  object: {
    kind?: string;
    code?: number;
    reason?: string;
    metadata: { name?: string; resourceVersion?: string };
  };
}

/** Reads a watch stream until it ends or `count` events have arrived. */
async function watchEvents(
  sandbox: KubeSandbox,
  path: string,
  count = Infinity,
): Promise<WatchEvent[]> {
  const controller = new AbortController();
  const response = await fetch(`${sandbox.url}${path}`, {
    signal: controller.signal,
  });
  expect(response.headers.get('content-type')).toBe('application/json');
  const events: WatchEvent[] = [];
  const decoder = new TextDecoder();
  let buffered = '';
  try {
    for await (const chunk of response.body!) {
      buffered += decoder.decode(chunk, { stream: true });
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      events.push(...lines.map(line => JSON.parse(line)));
      if (events.length >= count) break;
    }
  } finally {
    controller.abort();
  }
  return events.slice(0, count);
}

const summary = (events: WatchEvent[]) =>
  events.map(e => `${e.type} ${e.object.metadata.name}`);

describe('watch', () => {
  let sandbox: KubeSandbox;

  beforeEach(async () => {
    sandbox = await startKubeSandbox({
      objects: [namespace('team-a'), deployment('web', 'team-a')],
      watchHistory: 50,
    });
  });

  afterEach(() => sandbox.close());

  it('starts with the current objects, then streams changes', async () => {
    const stream = watchEvents(
      sandbox,
      '/apis/apps/v1/namespaces/team-a/deployments?watch=true',
      4,
    );
    await new Promise(resolve => setTimeout(resolve, 50));
    const { apps } = clientsFor(sandbox);
    await apps.createNamespacedDeployment({
      namespace: 'team-a',
      body: deployment('api', 'team-a'),
    });
    await apps.patchNamespacedDeployment(
      { name: 'api', namespace: 'team-a', body: { spec: { replicas: 2 } } },
      patchAs(PatchStrategy.MergePatch),
    );
    await apps.deleteNamespacedDeployment({ name: 'web', namespace: 'team-a' });
    const events = await stream;
    expect(summary(events)).toEqual([
      'ADDED web',
      'ADDED api',
      'MODIFIED api',
      'DELETED web',
    ]);
    expect(events[0].object.kind).toBe('Deployment');
    const revisions = events
      .slice(1)
      .map(e => Number(e.object.metadata.resourceVersion));
    expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
  });

  it('replays the history after a resourceVersion and ends after timeoutSeconds', async () => {
    const from = sandbox.store.resourceVersion;
    sandbox.store.put(deployment('api', 'team-a'));
    sandbox.store.put(deployment('api', 'team-a', 3));
    const started = Date.now();
    const events = await watchEvents(
      sandbox,
      `/apis/apps/v1/deployments?watch=1&resourceVersion=${from}&timeoutSeconds=1&allowWatchBookmarks=true`,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(summary(events)).toEqual([
      'ADDED api',
      'MODIFIED api',
      'BOOKMARK undefined',
    ]);
    expect(events[2].object.metadata.resourceVersion).toBe(
      sandbox.store.resourceVersion,
    );
  });

  it('translates changes through a label selector', async () => {
    const from = sandbox.store.resourceVersion;
    sandbox.store.put(deployment('web', 'team-a', 1, { tier: 'frontend' }));
    sandbox.store.put(deployment('web', 'team-a', 1, { tier: 'backend' }));
    const events = await watchEvents(
      sandbox,
      `/apis/apps/v1/deployments?watch=true&resourceVersion=${from}&labelSelector=tier%3Dfrontend&timeoutSeconds=1`,
    );
    expect(summary(events)).toEqual(['ADDED web', 'DELETED web']);
  });

  it('sends a 410 Expired ERROR event for a compacted resourceVersion', async () => {
    for (let i = 0; i < 60; i++)
      sandbox.store.put(deployment('web', 'team-a', i % 3));
    const events = await watchEvents(
      sandbox,
      '/apis/apps/v1/deployments?watch=true&resourceVersion=2',
    );
    expect(events).toEqual([
      {
        type: 'ERROR',
        object: expect.objectContaining({
          kind: 'Status',
          code: 410,
          reason: 'Expired',
          message: expect.stringMatching(/^too old resource version: 2/),
        }),
      },
    ]);
  });

  it('feeds a client-node informer (makeInformer) with ADDED, MODIFIED and DELETED', async () => {
    const { kc, apps } = clientsFor(sandbox);
    const informer = makeInformer<V1Deployment>(
      kc,
      '/apis/apps/v1/namespaces/team-a/deployments',
      () => apps.listNamespacedDeployment({ namespace: 'team-a' }),
    );
    const seen: string[] = [];
    const waitFor = (entry: string) =>
      new Promise<void>(resolve => {
        const check = () =>
          seen.includes(entry) ? resolve() : setTimeout(check, 10);
        check();
      });
    informer.on('add', d => seen.push(`add ${d.metadata?.name}`));
    informer.on('update', d =>
      seen.push(`update ${d.metadata?.name} ${d.spec?.replicas}`),
    );
    informer.on('delete', d => seen.push(`delete ${d.metadata?.name}`));
    await informer.start();
    await waitFor('add web');

    await apps.patchNamespacedDeployment(
      { name: 'web', namespace: 'team-a', body: { spec: { replicas: 4 } } },
      patchAs(PatchStrategy.MergePatch),
    );
    await waitFor('update web 4');
    await apps.createNamespacedDeployment({
      namespace: 'team-a',
      body: deployment('api', 'team-a'),
    });
    await waitFor('add api');
    await apps.deleteNamespacedDeployment({ name: 'api', namespace: 'team-a' });
    await waitFor('delete api');
    expect(informer.list().map(d => d.metadata?.name)).toEqual(['web']);
    expect(informer.get('web', 'team-a')?.status?.readyReplicas).toBe(4);
    await informer.stop();
  });
});
