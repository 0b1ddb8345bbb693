import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { NamespaceCatalog } from './NamespaceCatalog';

const claiming = (name: string, namespace: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-namespace': namespace },
  },
  spec: { owner: 'team-commerce' },
});

const SHOP = claiming('shop-api', 'shop-dev');

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

  it('keeps an index that just changed for two seconds only: a catalog half way through ingesting is read again soon', async () => {
    jest.useFakeTimers({ now: Date.parse('2026-12-03T10:00:00Z') });
    try {
      const { catalog, entities, reads } = growingCatalog();
      entities.push(SHOP);
      const claims = create(catalog);
      const search = { cluster: 'sandbox', namespace: 'search-dev' };
      expect(await claims.claimOf(search)).toBeUndefined();
      entities.push(claiming('search', 'search-dev'));
      jest.advanceTimersByTime(1_000);
      expect(await claims.claimOf(search)).toBeUndefined();
      jest.advanceTimersByTime(1_500);
      expect(await claims.claimOf(search)).toBeDefined();
      expect(reads()).toBe(2);
      // Two loads found as many claims: kept for the whole TTL again.
      jest.advanceTimersByTime(2_500);
      await claims.allClaims();
      entities.push(claiming('wiki', 'wiki-dev'));
      jest.advanceTimersByTime(20_000);
      expect(
        await claims.claimOf({ cluster: 'sandbox', namespace: 'wiki-dev' }),
      ).toBeUndefined();
      expect(reads()).toBe(3);
    } finally {
      jest.useRealTimers();
    }
  });
});
