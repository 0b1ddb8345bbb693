import {
  formatNamespaceRef,
  type ManagedNamespaceRef,
} from '../domain/namespaceRef';

/**
 * What changed on a namespace: `operation`, a wake, sleep or scale of it
 * ended (its state, activity and awake hours); `schedules`, one of its
 * schedules or overrides was created, replaced, deleted or ran.
 *
 * @public
 */
export type NamespaceChangeKind = 'operation' | 'schedules';

/**
 * Sent as a Backstage signal on `namespaceChangeChannel(ref)` to the owners
 * of the entities that claim the namespace, whoever changed it (a user, the
 * runner, the off-hours boundary, a repair) and on whichever replica. It
 * says only what changed, never the new state: the page reads that again
 * through the API, where permissions apply.
 *
 * @public
 */
export type NamespaceChangedSignal = {
  cluster: string;
  namespace: string;
  change: NamespaceChangeKind;
};

/**
 * The signal channel of one namespace's changes.
 *
 * @public
 */
export function namespaceChangeChannel(ref: ManagedNamespaceRef): string {
  return `namespace-scheduler:namespace:${formatNamespaceRef(ref)}`;
}
