import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { NamespaceCatalog } from '../catalog/NamespaceCatalog';
import { CostCenterCatalog } from './CostCenterCatalog';

const ANNOTATION = 'namespace-scheduler/cost-centers';

function entity(
  kind: string,
  name: string,
  options: {
    annotations?: Record<string, string>;
    owner?: string;
    memberOf?: string[];
  } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', annotations: options.annotations },
    spec: {},
    relations: [
      ...(options.owner ? [{ type: 'ownedBy', targetRef: options.owner }] : []),
      ...(options.memberOf ?? []).map(targetRef => ({
        type: 'memberOf',
        targetRef,
      })),
    ],
  };
}

const entities = [
  entity('Group', 'team-commerce', {
    annotations: { [ANNOTATION]: 'CC-1001' },
  }),
  entity('Group', 'team-data'),
  entity('System', 'shop', {
    annotations: {
      'namespace-scheduler/namespaces': 'sandbox/shop-dev',
      [ANNOTATION]: 'CC-1001, CC-1002',
    },
    owner: 'group:default/team-commerce',
  }),
  // Declares none itself: inherits CC-1001 from its owning Group.
  entity('Component', 'shop-api', {
    annotations: { 'backstage.io/kubernetes-namespace': 'shop-dev' },
    owner: 'group:default/team-commerce',
  }),
  // Its own annotation wins over the Group's.
  entity('Component', 'checkout', {
    annotations: {
      'namespace-scheduler/namespaces': 'sandbox/checkout',
      [ANNOTATION]: 'CC-7',
    },
    owner: 'group:default/team-commerce',
  }),
  // Owned by a Group without cost centers, and by a user: nothing to inherit.
  entity('Component', 'notebooks', {
    annotations: { 'backstage.io/kubernetes-namespace': 'ml' },
    owner: 'group:default/team-data',
  }),
  entity('Component', 'scratch', {
    annotations: { 'backstage.io/kubernetes-namespace': 'scratch' },
    owner: 'user:default/alice',
  }),
  entity('User', 'alice', { memberOf: ['group:default/team-commerce'] }),
];

function setup(catalogEntities = entities) {
  const catalog = catalogServiceMock({ entities: catalogEntities });
  const auth = mockServices.auth();
  const claims = NamespaceCatalog.create({
    catalog,
    auth,
    defaultCluster: 'sandbox',
  });
  return {
    catalog,
    directory: CostCenterCatalog.create({ catalog, auth, claims }),
  };
}

const names = (sources: Array<{ costCenter: string }>) =>
  sources.map(s => s.costCenter).sort();

describe('CostCenterCatalog', () => {
  it('gives a namespace the cost centers of every entity claiming it, inherited from the owning Group when absent', async () => {
    const { directory } = setup();
    const sources = await directory.validFor({
      cluster: 'sandbox',
      namespace: 'shop-dev',
    });
    expect(sources).toEqual(
      expect.arrayContaining([
        { costCenter: 'CC-1001', entityRef: 'system:default/shop' },
        { costCenter: 'CC-1002', entityRef: 'system:default/shop' },
        {
          costCenter: 'CC-1001',
          entityRef: 'component:default/shop-api',
          inheritedFrom: 'group:default/team-commerce',
        },
      ]),
    );
    expect(sources).toHaveLength(3);
  });

  it('prefers the entity’s own annotation, and inherits nothing from Groups without one or from users', async () => {
    const { directory } = setup();
    expect(
      names(
        await directory.validFor({ cluster: 'sandbox', namespace: 'checkout' }),
      ),
    ).toEqual(['CC-7']);
    expect(
      await directory.validFor({ cluster: 'sandbox', namespace: 'ml' }),
    ).toEqual([]);
    expect(
      await directory.validFor({ cluster: 'sandbox', namespace: 'scratch' }),
    ).toEqual([]);
    expect(
      await directory.validFor({ cluster: 'sandbox', namespace: 'unclaimed' }),
    ).toEqual([]);
  });

  it('lists the entities declaring cost centers, and a user’s groups', async () => {
    const { directory } = setup();
    expect(
      (await directory.declarations())
        .map(s => `${s.entityRef}=${s.costCenter}`)
        .sort(),
    ).toEqual([
      'component:default/checkout=CC-7',
      'group:default/team-commerce=CC-1001',
      'system:default/shop=CC-1001',
      'system:default/shop=CC-1002',
    ]);
    expect(await directory.membershipOf('user:default/alice')).toEqual([
      'user:default/alice',
      'group:default/team-commerce',
    ]);
    expect(await directory.membershipOf('user:default/nobody')).toEqual([
      'user:default/nobody',
    ]);
  });

  it('reads a Group once while cached', async () => {
    const { catalog, directory } = setup();
    const reads = jest.spyOn(catalog, 'getEntityByRef');
    await directory.validFor({ cluster: 'sandbox', namespace: 'shop-dev' });
    await directory.validFor({ cluster: 'sandbox', namespace: 'shop-dev' });
    const groupReads = reads.mock.calls.filter(
      ([ref]) => ref === 'group:default/team-commerce',
    );
    expect(groupReads).toHaveLength(1);
  });
});
