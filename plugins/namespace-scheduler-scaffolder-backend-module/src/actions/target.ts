import { InputError } from '@backstage/errors';

/** Where an action acts: a namespace on a cluster. */
export type Target = { cluster: string; namespace: string };

/** The cluster asked for, else the portal's `namespaceScheduler.defaultCluster`. */
export function targetOf(
  input: { cluster?: string; namespace: string },
  defaultCluster: string | undefined,
): Target {
  const cluster = input.cluster ?? defaultCluster;
  if (!cluster) {
    throw new InputError(
      'cluster: required (no namespaceScheduler.defaultCluster is configured)',
    );
  }
  return { cluster, namespace: input.namespace };
}

/** `/namespaces/<cluster>/<namespace>` */
export function namespacePath({ cluster, namespace }: Target): string {
  return `/namespaces/${encodeURIComponent(cluster)}/${encodeURIComponent(
    namespace,
  )}`;
}
