import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_NAMESPACES,
} from './annotations';

/** A namespace on a cluster. `cluster` is undefined when the annotation names none. */
export interface NamespaceRef {
  cluster?: string;
  namespace: string;
}

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** True for a valid Kubernetes namespace name (RFC 1123 label, at most 63 characters). */
export function isValidNamespaceName(name: string): boolean {
  return name.length <= 63 && DNS_1123_LABEL.test(name);
}

/** Splits `a, b ,c` into trimmed, non-empty items. */
export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map(item => item.trim())
    .filter(item => item.length > 0);
}

/** Parses one `[cluster/]namespace` item; undefined when malformed. */
export function parseNamespaceRef(item: string): NamespaceRef | undefined {
  const parts = item.split('/');
  if (parts.length > 2) return undefined;
  const namespace = parts[parts.length - 1];
  const cluster = parts.length === 2 ? parts[0] : undefined;
  if (!isValidNamespaceName(namespace)) return undefined;
  if (cluster !== undefined && cluster.length === 0) return undefined;
  return { cluster, namespace };
}

/**
 * The namespaces an entity claims, from `namespace-scheduler/namespaces` and
 * the standard `backstage.io/kubernetes-namespace`; malformed items are dropped.
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
    const key = `${ref.cluster ?? ''}/${ref.namespace}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Whether the entity declares any namespace for the scheduler to manage. */
export function isNamespaceSchedulerAvailable(entity: Entity): boolean {
  return getEntityNamespaceRefs(entity).length > 0;
}
