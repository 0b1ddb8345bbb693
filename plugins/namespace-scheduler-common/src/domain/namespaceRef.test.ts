import {
  formatNamespaceRef,
  isValidNamespaceName,
  parseNamespaceRef,
  parseNamespaceResourceRef,
  sameNamespace,
  toNamespaceResourceRef,
} from './namespaceRef';

describe('namespace refs', () => {
  it('validates DNS-1123 names', () => {
    expect(isValidNamespaceName('a'.repeat(63))).toBe(true);
    expect(isValidNamespaceName('a'.repeat(64))).toBe(false);
    expect(isValidNamespaceName('ns_1')).toBe(false);
    expect(isValidNamespaceName('Upper')).toBe(false);
    expect(isValidNamespaceName('-dash')).toBe(false);
  });

  it('formats `cluster/namespace`, or the namespace alone without a cluster', () => {
    expect(formatNamespaceRef({ cluster: 'c1', namespace: 'ns-1' })).toBe(
      'c1/ns-1',
    );
    expect(formatNamespaceRef({ namespace: 'ns-1' })).toBe('ns-1');
    expect(formatNamespaceRef({ cluster: undefined, namespace: 'ns-1' })).toBe(
      'ns-1',
    );
  });

  it('parses `[cluster/]namespace`, refusing what is malformed', () => {
    expect(parseNamespaceRef('c1/ns-1')).toEqual({
      cluster: 'c1',
      namespace: 'ns-1',
    });
    expect(parseNamespaceRef('ns-1')).toEqual({
      cluster: undefined,
      namespace: 'ns-1',
    });
    for (const bad of ['a/b/c', '/x', 'c1/', 'Upper', 'c1/ns_1', '']) {
      expect(parseNamespaceRef(bad)).toBeUndefined();
    }
  });

  it('parses what it formats', () => {
    for (const ref of [
      { cluster: 'sandbox', namespace: 'shop-dev' },
      { cluster: 'prod.eu-1', namespace: 'a' },
      { cluster: undefined, namespace: 'team-a' },
    ]) {
      expect(parseNamespaceRef(formatNamespaceRef(ref))).toEqual(ref);
    }
  });

  it('names a namespace to the permission framework as `cluster/namespace`', () => {
    const ref = { cluster: 'sandbox', namespace: 'shop-dev' };
    expect(toNamespaceResourceRef(ref)).toBe('sandbox/shop-dev');
    expect(parseNamespaceResourceRef('sandbox/shop-dev')).toEqual(ref);
    // A resource ref always names the cluster.
    expect(parseNamespaceResourceRef('shop-dev')).toBeUndefined();
    expect(parseNamespaceResourceRef('sandbox/shop/dev')).toBeUndefined();
    expect(parseNamespaceResourceRef('sandbox/Shop')).toBeUndefined();
  });

  it('compares cluster and namespace', () => {
    const a = { cluster: 'c1', namespace: 'ns' };
    expect(sameNamespace(a, { cluster: 'c1', namespace: 'ns' })).toBe(true);
    expect(sameNamespace(a, { cluster: 'c2', namespace: 'ns' })).toBe(false);
    expect(sameNamespace(a, { cluster: 'c1', namespace: 'other' })).toBe(false);
  });
});
