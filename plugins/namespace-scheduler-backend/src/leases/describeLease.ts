import { ConflictError } from '@backstage/errors';
import { NamespaceOperationInProgress } from '@namespace-scheduler/backstage-plugin-common';
import { OperationLease } from './OperationLeaseStore';

/** Why a dead holder's lease needs repair. */
export const INTERRUPTED = 'was interrupted when its backend instance stopped';

/**
 * Whether the lease's changes await the repair sweep: marked so, or held by
 * a holder that died after planning changes (expired with a journal).
 */
export function needsRepair(lease: OperationLease, now: Date): boolean {
  return (
    lease.state === 'repair' ||
    (lease.expiresAt <= now && lease.journal !== undefined)
  );
}

/**
 * Whether the lease still holds the namespace: not when it expired with
 * nothing to repair (its holder died before changing anything).
 */
export function holdsNamespace(lease: OperationLease, now: Date): boolean {
  return lease.expiresAt > now || needsRepair(lease, now);
}

/** The lease as a namespace's status shows it. */
export function operationInProgress(
  lease: OperationLease,
  now: Date,
): NamespaceOperationInProgress {
  const repair = needsRepair(lease, now);
  return {
    operation: lease.operation,
    requested_by: lease.requestedBy,
    started_at: lease.startedAt.toISOString(),
    state: repair ? 'repair' : 'running',
    ...(repair && { reason: repairReason(lease) }),
  };
}

/** Why an operation on the namespace is refused now, in one sentence. */
export function describeLease(lease: OperationLease, now: Date): string {
  const where = `${lease.namespace} on ${lease.cluster}`;
  const at = instant(lease.startedAt);
  if (needsRepair(lease, now)) {
    return `${where} needs repair: ${repairReason(
      lease,
    )}; operations resume once the scheduler has restored them`;
  }
  return `${where} is busy: a ${lease.operation} requested by ${lease.requestedBy} at ${at} is in progress; try again when it ends`;
}

/**
 * 409: another operation holds the namespace, or it awaits repair. The
 * `operation` property reaches the response body (Backstage serializes an
 * error's own properties), so clients need not parse the message.
 */
export class NamespaceBusyError extends ConflictError {
  readonly operation: NamespaceOperationInProgress;

  constructor(lease: OperationLease, now: Date) {
    super(describeLease(lease, now));
    this.operation = operationInProgress(lease, now);
  }
}

/** "a sleep at 2026-12-02T22:40:01Z failed while … and 3 change(s) are not yet undone" */
function repairReason(lease: OperationLease): string {
  const changes = lease.journal?.length ?? 0;
  return `a ${lease.operation} at ${instant(lease.startedAt)} ${
    lease.reason ?? INTERRUPTED
  } and ${changes} change(s) are not yet undone`;
}

/** ISO 8601 to the second: what a person reads in a message. */
function instant(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
