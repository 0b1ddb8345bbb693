import { NamespaceStatus } from '@namespace-scheduler/backstage-plugin-common';

/**
 * Whether an awake namespace is still starting: some of its awake
 * Deployments and StatefulSets do not have every replica ready yet.
 */
export function isWaking({
  state,
  readiness,
}: Pick<NamespaceStatus, 'state' | 'readiness'>): boolean {
  return (
    state === 'awake' &&
    readiness !== undefined &&
    readiness.ready < readiness.total
  );
}
