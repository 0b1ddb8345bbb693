import {
  makeInformer,
  PatchStrategy,
  V1Deployment,
} from '@kubernetes/client-node';
import {
  clientsFor,
  controllersCaughtUp,
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
      6,
    );
    await new Promise(resolve => setTimeout(resolve, 50));
    const { apps } = clientsFor(sandbox);
    await apps.createNamespacedDeployment({
      namespace: 'team-a',
      body: deployment('api', 'team-a'),
    });
    await controllersCaughtUp();
    await apps.patchNamespacedDeployment(
      { name: 'api', namespace: 'team-a', body: { spec: { replicas: 2 } } },
      patchAs(PatchStrategy.MergePatch),
    );
    await controllersCaughtUp();
    await apps.deleteNamespacedDeployment({ name: 'web', namespace: 'team-a' });
    const events = await stream;
    // The deployment controller's writes (revision, status) come in between.
    expect(summary(events)).toEqual([
      'ADDED web',
      'ADDED api',
      'MODIFIED api',
      'MODIFIED api',
      'MODIFIED api',
      'DELETED web',
    ]);
    expect(events[0].object.kind).toBe('Deployment');
    const revisions = events
      .slice(1)
      .map(e => Number(e.object.metadata.resourceVersion));
    expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
  });

  it('replays the history after a resourceVersion and ends after timeoutSeconds, with no bookmark that late', async () => {
    const from = sandbox.store.resourceVersion;
    sandbox.store.put(deployment('api', 'team-a'));
    sandbox.store.put(deployment('api', 'team-a', 3));
    const started = Date.now();
    const events = await watchEvents(
      sandbox,
      `/apis/apps/v1/deployments?watch=1&resourceVersion=${from}&timeoutSeconds=1&allowWatchBookmarks=true`,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(summary(events)).toEqual(['ADDED api', 'MODIFIED api']);
  });

  it('bookmarks 2 s before the deadline what the kind has reached beyond the watcher, like the watch cache', async () => {
    sandbox.store.put(namespace('team-b'));
    const from = sandbox.store.resourceVersion;
    const started = Date.now();
    const quietKind = watchEvents(
      sandbox,
      `/apis/batch/v1/namespaces/team-a/cronjobs?watch=1&resourceVersion=${from}&timeoutSeconds=3&allowWatchBookmarks=true`,
    );
    const watching = watchEvents(
      sandbox,
      `/apis/apps/v1/namespaces/team-a/deployments?watch=1&resourceVersion=${from}&timeoutSeconds=3&allowWatchBookmarks=true`,
    );
    const noBookmarks = watchEvents(
      sandbox,
      `/apis/apps/v1/namespaces/team-a/deployments?watch=1&resourceVersion=${from}&timeoutSeconds=3`,
    );
    await new Promise(resolve => setTimeout(resolve, 100));
    const other = sandbox.store.put(deployment('other', 'team-b'));
    sandbox.store.put(namespace('team-c')); // not a Deployment: no progress for this kind

    const events = await watching;
    expect(events).toEqual([
      {
        type: 'BOOKMARK',
        object: {
          kind: 'Deployment',
          apiVersion: 'apps/v1',
          metadata: {
            resourceVersion: other.metadata.resourceVersion,
            creationTimestamp: null,
          },
        },
      },
    ]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
    expect(await noBookmarks).toEqual([]);
    // Nothing of that kind changed anywhere: nothing to tell.
    expect(await quietKind).toEqual([]);
  });

  it('answers a malformed resourceVersion with kube-apiserver`s 500 and from a future one sends only what comes after it', async () => {
    const malformed = await fetch(
      `${sandbox.url}/apis/apps/v1/deployments?watch=true&resourceVersion=abc`,
    );
    expect(malformed.status).toBe(500);
    expect(await malformed.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'resourceVersion: Invalid value: "abc": strconv.ParseUint: parsing "abc": invalid syntax',
      code: 500,
    });

    const future = Number(sandbox.store.resourceVersion) + 2;
    const stream = watchEvents(
      sandbox,
      `/apis/apps/v1/namespaces/team-a/deployments?watch=true&resourceVersion=${future}&timeoutSeconds=1`,
    );
    await new Promise(resolve => setTimeout(resolve, 100));
    const written: string[] = [];
    for (let replicas = 2; replicas <= 4; replicas++) {
      const { metadata } = sandbox.store.put(
        deployment('web', 'team-a', replicas),
      );
      written.push(metadata.resourceVersion ?? '');
    }
    expect(
      (await stream).map(e => [e.type, e.object.metadata.resourceVersion]),
    ).toEqual(
      written.filter(rv => Number(rv) > future).map(rv => ['MODIFIED', rv]),
    );
    expect(written.filter(rv => Number(rv) <= future)).not.toEqual([]);
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
    // The controller's status write follows the patch.
    for (let i = 0; i < 100; i++) {
      if (informer.get('web', 'team-a')?.status?.readyReplicas === 4) break;
      await controllersCaughtUp(10);
    }
    expect(informer.get('web', 'team-a')?.status?.readyReplicas).toBe(4);
    await informer.stop();
  });
});
