import { isNamespaceOwner } from './rules';

const shopDev = {
  cluster: 'prod',
  namespace: 'shop-dev',
  entityRefs: ['component:default/shop-api'],
  ownerRefs: ['group:default/team-commerce'],
};

describe('isNamespaceOwner', () => {
  it('holds when one of the claims owns an entity claiming the namespace', () => {
    const alice = ['user:default/alice', 'group:default/team-commerce'];
    const bob = ['user:default/bob', 'group:default/team-search'];
    expect(isNamespaceOwner.apply(shopDev, { claims: alice })).toBe(true);
    expect(isNamespaceOwner.apply(shopDev, { claims: bob })).toBe(false);
  });

  it('filters by the same claims', () => {
    expect(isNamespaceOwner.toQuery({ claims: ['group:default/a'] })).toEqual({
      ownerRefs: ['group:default/a'],
    });
  });
});
