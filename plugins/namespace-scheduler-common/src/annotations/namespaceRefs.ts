import { Entity } from '@backstage/catalog-model';
import {
  formatNamespaceRef,
  NamespaceRef,
  parseNamespaceRef,
} from '../domain/namespaceRef';
import {
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_NAMESPACES,
} from './annotations';

/**
 * Splits `a, b ,c` into trimmed, non-empty items.
 *
 * @public
 */
export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map(item => item.trim())
    .filter(item => item.length > 0);
}

/**
 * The namespaces an entity claims, from `namespace-scheduler/namespaces` and
 * the standard `backstage.io/kubernetes-namespace`; malformed items are dropped.
 *
 * @public
 */
export function getEntityNamespaceRefs(entity: Entity): NamespaceRef[] {
  const annotations = entity.metadata.annotations ?? {};
  const items = [
    ...splitList(annotations[ANNOTATION_NAMESPACES]),
    ...splitList(annotations[ANNOTATION_KUBERNETES_NAMESPACE]),
  ];
  const refs = items.flatMap(item => parseNamespaceRef(item) ?? []);
  const seen = new Set<string>();
  return refs.filter(ref => {
    const key = formatNamespaceRef(ref);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Whether the entity declares any namespace for the scheduler to manage.
 *
 * @public
 */
export function isNamespaceSchedulerAvailable(entity: Entity): boolean {
  return getEntityNamespaceRefs(entity).length > 0;
}
