import {
  clientsFor,
  deployment,
  failureOf,
  namespace,
} from './__testUtils__/clients';
import { KubeSandbox, startKubeSandbox } from './sandbox';

describe('list paging with limit and continue', () => {
  let sandbox: KubeSandbox;

  beforeEach(async () => {
    const names = Array.from(
      { length: 25 },
      (_, i) => `app-${String(i).padStart(2, '0')}`,
    );
    sandbox = await startKubeSandbox({
      objects: [namespace('big'), ...names.map(n => deployment(n, 'big', 0))],
      watchHistory: 200,
    });
  });

  afterEach(() => sandbox.close());

  it('pages through 25 objects in order, with remainingItemCount', async () => {
    const { apps } = clientsFor(sandbox);
    const first = await apps.listNamespacedDeployment({
      namespace: 'big',
      limit: 10,
    });
    expect(first.items.map(d => d.metadata?.name)).toEqual(
      Array.from({ length: 10 }, (_, i) => `app-0${i}`),
    );
    expect(first.metadata?.remainingItemCount).toBe(15);

    const second = await apps.listNamespacedDeployment({
      namespace: 'big',
      limit: 10,
      _continue: first.metadata?._continue,
    });
    expect(second.items[0].metadata?.name).toBe('app-10');
    expect(second.metadata?.remainingItemCount).toBe(5);
    expect(second.metadata?.resourceVersion).toBe(
      first.metadata?.resourceVersion,
    );

    const third = await apps.listNamespacedDeployment({
      namespace: 'big',
      limit: 10,
      _continue: second.metadata?._continue,
    });
    expect(third.items.map(d => d.metadata?.name)).toEqual([
      'app-20',
      'app-21',
      'app-22',
      'app-23',
      'app-24',
    ]);
    expect(third.metadata?._continue).toBeUndefined();
    expect(third.metadata?.remainingItemCount).toBeUndefined();
  });

  it('serves later pages from the snapshot of the first, despite changes', async () => {
    const { apps } = clientsFor(sandbox);
    const first = await apps.listNamespacedDeployment({
      namespace: 'big',
      limit: 20,
    });
    await apps.deleteNamespacedDeployment({ name: 'app-24', namespace: 'big' });
    await apps.createNamespacedDeployment({
      namespace: 'big',
      body: deployment('app-99', 'big', 0),
    });
    await apps.patchNamespacedDeploymentScale({
      name: 'app-21',
      namespace: 'big',
      body: [{ op: 'add', path: '/spec/replicas', value: 1 }],
    });

    const rest = await apps.listNamespacedDeployment({
      namespace: 'big',
      limit: 20,
      _continue: first.metadata?._continue,
    });
    expect(rest.items.map(d => d.metadata?.name)).toEqual([
      'app-20',
      'app-21',
      'app-22',
      'app-23',
      'app-24',
    ]);
    expect(rest.items[1].spec?.replicas).toBe(0);
  });

  it('pages one namespace among others, and all of them across namespaces', async () => {
    for (const ns of ['aaa', 'zzz']) {
      sandbox.store.put(namespace(ns));
      sandbox.store.put(deployment('app-00', ns, 0));
    }
    const { apps } = clientsFor(sandbox);
    const first = await apps.listNamespacedDeployment({
      namespace: 'big',
      limit: 20,
    });
    sandbox.store.put(deployment('app-99', 'big', 0));
    const rest = await apps.listNamespacedDeployment({
      namespace: 'big',
      limit: 20,
      _continue: first.metadata?._continue,
    });
    const namespaces = [...first.items, ...rest.items].map(
      d => d.metadata?.namespace,
    );
    expect(namespaces).toEqual(Array(25).fill('big'));

    const all = await apps.listDeploymentForAllNamespaces({ limit: 26 });
    expect(all.items.map(d => d.metadata?.namespace)).toEqual([
      'aaa',
      ...Array(25).fill('big'),
    ]);
    sandbox.store.put(deployment('app-01', 'zzz', 0));
    const last = await apps.listDeploymentForAllNamespaces({
      limit: 26,
      _continue: all.metadata?._continue,
    });
    // Read at the first page's revision: zzz/app-01 came later.
    expect(
      last.items.map(d => `${d.metadata?.namespace}/${d.metadata?.name}`),
    ).toEqual(['big/app-99', 'zzz/app-00']);
  });

  it('answers 410 when the continue token outlived the history, 400 when malformed', async () => {
    const { apps } = clientsFor(sandbox);
    const first = await apps.listNamespacedDeployment({
      namespace: 'big',
      limit: 5,
    });
    for (let i = 0; i < 210; i++) {
      sandbox.store.put({
        ...deployment('churn', 'big', 0),
        metadata: {
          name: 'churn',
          namespace: 'big',
          annotations: { i: String(i) },
        },
      });
    }
    const expired = await failureOf(
      apps.listNamespacedDeployment({
        namespace: 'big',
        limit: 5,
        _continue: first.metadata?._continue,
      }),
    );
    expect(expired).toMatchObject({ code: 410, status: { reason: 'Expired' } });
    const malformed = await failureOf(
      apps.listNamespacedDeployment({ namespace: 'big', _continue: 'garbage' }),
    );
    expect(malformed.code).toBe(400);
  });
});
