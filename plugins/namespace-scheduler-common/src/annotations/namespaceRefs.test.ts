import { Entity } from '@backstage/catalog-model';
import {
  getEntityNamespaceRefs,
  isNamespaceSchedulerAvailable,
} from './namespaceRefs';

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'x', annotations },
  spec: {},
});

describe('namespace annotations', () => {
  it('reads both annotations, with and without a cluster, without duplicates', () => {
    const refs = getEntityNamespaceRefs(
      entity({
        'namespace-scheduler/namespaces': 'sandbox/shop-dev, shop-staging ,',
        'backstage.io/kubernetes-namespace': 'shop-staging',
      }),
    );
    expect(refs).toEqual([
      { cluster: 'sandbox', namespace: 'shop-dev' },
      { cluster: undefined, namespace: 'shop-staging' },
    ]);
  });

  it('drops malformed items and reports availability', () => {
    const bad = entity({
      'namespace-scheduler/namespaces': 'a/b/c, /x, Upper, -dash',
    });
    expect(getEntityNamespaceRefs(bad)).toEqual([]);
    expect(isNamespaceSchedulerAvailable(bad)).toBe(false);
    expect(isNamespaceSchedulerAvailable(entity({}))).toBe(false);
    expect(
      isNamespaceSchedulerAvailable(
        entity({ 'backstage.io/kubernetes-namespace': 'team-a' }),
      ),
    ).toBe(true);
  });
});
