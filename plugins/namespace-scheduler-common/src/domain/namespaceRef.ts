/**
 * A namespace on a cluster. `cluster` is undefined when an annotation names none.
 *
 * @public
 */
export interface NamespaceRef {
  cluster?: string;
  namespace: string;
}

/**
 * A namespace on a known cluster: what the backend manages, keys and authorizes.
 *
 * @public
 */
export type ManagedNamespaceRef = {
  cluster: string;
  namespace: string;
};

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * True for a valid Kubernetes namespace name (RFC 1123 label, at most 63 characters).
 *
 * @public
 */
export function isValidNamespaceName(name: string): boolean {
  return name.length <= 63 && DNS_1123_LABEL.test(name);
}

/**
 * `cluster/namespace` (just `namespace` when no cluster is named): how a
 * namespace is written in annotations, map keys and messages. The inverse of
 * {@link parseNamespaceRef}.
 *
 * @public
 */
export function formatNamespaceRef(ref: NamespaceRef): string {
  return ref.cluster === undefined
    ? ref.namespace
    : `${ref.cluster}/${ref.namespace}`;
}

/**
 * Parses `[cluster/]namespace`; undefined when malformed.
 *
 * @public
 */
export function parseNamespaceRef(text: string): NamespaceRef | undefined {
  const parts = text.split('/');
  if (parts.length > 2) return undefined;
  const namespace = parts[parts.length - 1];
  const cluster = parts.length === 2 ? parts[0] : undefined;
  if (!isValidNamespaceName(namespace)) return undefined;
  if (cluster !== undefined && cluster.length === 0) return undefined;
  return { cluster, namespace };
}

/**
 * The permission framework's resource ref of a namespace (resource type
 * `NAMESPACE_RESOURCE_TYPE`): `cluster/namespace`.
 *
 * @public
 */
export function toNamespaceResourceRef(ref: ManagedNamespaceRef): string {
  return formatNamespaceRef(ref);
}

/**
 * The namespace a permission resource ref names; undefined when malformed or without a cluster.
 *
 * @public
 */
export function parseNamespaceResourceRef(
  resourceRef: string,
): ManagedNamespaceRef | undefined {
  const ref = parseNamespaceRef(resourceRef);
  return ref?.cluster === undefined
    ? undefined
    : { cluster: ref.cluster, namespace: ref.namespace };
}

/**
 * Whether two refs name the same namespace on the same cluster.
 *
 * @public
 */
export function sameNamespace(a: NamespaceRef, b: NamespaceRef): boolean {
  return a.cluster === b.cluster && a.namespace === b.namespace;
}
