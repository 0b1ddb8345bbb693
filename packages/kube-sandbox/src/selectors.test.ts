import {
  clientsFor,
  deployment,
  failureOf,
  namespace,
} from './__testUtils__/clients';
import { ApiError } from './errors';
import {
  labelSelectorString,
  matchesLabels,
  parseLabelSelector,
} from './selectors';
import { KubeSandbox, startKubeSandbox } from './sandbox';

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'frontend', version: '3' };
  const matches = (selector: string) =>
    matchesLabels(parseLabelSelector(selector), labels);

  it.each([
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app!=api', true],
    ['missing!=x', true],
    ['tier in (frontend, backend)', true],
    ['tier notin (frontend)', false],
    ['missing notin (a)', true],
    ['app', true],
    ['!app', false],
    ['!missing', true],
    ['version>2,version<4', true],
    ['app=web,tier in (backend)', false],
    ['', true],
  ])('%s → %s', (selector, expected) => {
    expect(matches(selector)).toBe(expected);
  });

  it('rejects malformed selectors with 400', () => {
    for (const bad of ['app in (a', 'app=web=x', '=web', 'version>x']) {
      expect(() => parseLabelSelector(bad)).toThrow(ApiError);
    }
  });

  it('renders LabelSelector objects like the server, sorted by key', () => {
    expect(
      labelSelectorString({
        matchLabels: { b: '2', a: '1' },
        matchExpressions: [
          { key: 'c', operator: 'In', values: ['y', 'x'] },
          { key: 'd', operator: 'DoesNotExist' },
        ],
      }),
    ).toBe('a=1,b=2,c in (x,y),!d');
  });
});

describe('selectors on list requests', () => {
  let sandbox: KubeSandbox;

  beforeAll(async () => {
    sandbox = await startKubeSandbox({
      objects: [
        namespace('shop', { team: 'commerce' }),
        namespace('pay', { team: 'payments' }),
        deployment('web', 'shop', 1, { tier: 'frontend' }),
        deployment('api', 'shop', 1, { tier: 'backend' }),
        deployment('api', 'pay', 1, { tier: 'backend' }),
      ],
    });
  });

  afterAll(() => sandbox.close());

  it('filters namespaced and all-namespace lists by labels and fields', async () => {
    const { apps, core } = clientsFor(sandbox);
    const names = (
      items: Array<{ metadata?: { namespace?: string; name?: string } }>,
    ) => items.map(i => `${i.metadata?.namespace}/${i.metadata?.name}`);

    expect(
      names(
        (
          await apps.listDeploymentForAllNamespaces({
            labelSelector: 'tier=backend',
          })
        ).items,
      ),
    ).toEqual(['pay/api', 'shop/api']);
    expect(
      names(
        (
          await apps.listNamespacedDeployment({
            namespace: 'shop',
            labelSelector: 'tier notin (backend)',
          })
        ).items,
      ),
    ).toEqual(['shop/web']);
    expect(
      names(
        (
          await apps.listDeploymentForAllNamespaces({
            fieldSelector: 'metadata.name=api,metadata.namespace!=pay',
          })
        ).items,
      ),
    ).toEqual(['shop/api']);
    expect(
      (
        await core.listNamespace({
          labelSelector: 'team in (commerce,payments)',
        })
      ).items.map(n => n.metadata?.name),
    ).toEqual(['pay', 'shop']);

    const badField = await failureOf(
      apps.listDeploymentForAllNamespaces({ fieldSelector: 'spec.replicas=1' }),
    );
    expect(badField).toMatchObject({
      code: 400,
      status: { message: 'field label not supported: spec.replicas' },
    });
  });

  it('lists built-in items without kind/apiVersion, like the real server', async () => {
    const res = await fetch(
      `${sandbox.url}/apis/apps/v1/namespaces/shop/deployments`,
    );
    const list = await res.json();
    expect(list).toMatchObject({
      kind: 'DeploymentList',
      apiVersion: 'apps/v1',
      metadata: { resourceVersion: sandbox.store.resourceVersion },
    });
    expect(list.items[0].kind).toBeUndefined();
  });
});
