import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { NamespaceCatalog } from './NamespaceCatalog';

const SHOP: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'shop-api',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-namespace': 'shop-dev' },
  },
  spec: { owner: 'team-commerce' },
};

/** A catalog whose entities the test changes, counting the reads. */
function growingCatalog() {
  const entities: Entity[] = [];
  let reads = 0;
  const catalog = catalogServiceMock.mock({
    getEntities: async () => {
      reads++;
      return { items: [...entities] };
    },
  });
  return { catalog, entities, reads: () => reads };
}

describe('NamespaceCatalog', () => {
  const create = (catalog: ReturnType<typeof catalogServiceMock.mock>) =>
    NamespaceCatalog.create({
      catalog,
      auth: mockServices.auth(),
      defaultCluster: 'sandbox',
    });

  it('keeps the claims for a while once there are any', async () => {
    const { catalog, entities, reads } = growingCatalog();
    entities.push(SHOP);
    const claims = create(catalog);
    expect(
      await claims.claimOf({ cluster: 'sandbox', namespace: 'shop-dev' }),
    ).toBeDefined();
    await claims.allClaims();
    expect(reads()).toBe(1);
  });

  it('does not keep an empty catalog: one still ingesting at startup claims nothing for only as long as it is empty', async () => {
    const { catalog, entities, reads } = growingCatalog();
    const claims = create(catalog);
    expect(await claims.allClaims()).toEqual([]);
    entities.push(SHOP);
    expect(
      await claims.claimOf({ cluster: 'sandbox', namespace: 'shop-dev' }),
    ).toBeDefined();
    expect(reads()).toBe(2);
  });
});
