import type { OperationType } from '../types/vocabulary';

/**
 * An operation as far as its effect on the namespace goes: a manual request,
 * an engine intent, a schedule's transition or an activity record.
 * `replicas` only matters for `scale`.
 *
 * @public
 */
export type NamespaceChange = {
  operation: OperationType;
  replicas?: number;
};

/**
 * Whether the operation leaves the namespace stopped: a sleep, or a scale to
 * exactly 0 replicas. Everything else keeps it awake.
 *
 * A `scale` without a replica count is invalid input everywhere (the API, the
 * schedule validation and the engine's intent all require one); should one be
 * seen anyway, it is read as keeping the namespace awake, the reading that
 * grants nothing on a guess: it takes an off-hours slot, needs an authorized
 * cost center, mutes no alerts and is charged.
 *
 * @public
 */
export function putsToSleep(change: NamespaceChange): boolean {
  return (
    change.operation === 'sleep' ||
    (change.operation === 'scale' && change.replicas === 0)
  );
}

/**
 * Whether the operation leaves the namespace awake: a wake, or a scale to
 * anything but 0 (the complement of {@link putsToSleep}).
 *
 * @public
 */
export function keepsAwake(change: NamespaceChange): boolean {
  return !putsToSleep(change);
}
