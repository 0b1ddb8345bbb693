import { OperationType } from '@namespace-scheduler/backstage-plugin-common';
import type { JournalEntry } from '../engine/types';

/**
 * `running`: an operation holds the namespace (until `expiresAt`, renewed
 * while it runs). `repair`: its changes could not be undone in time; the
 * repair sweep holds it (a claim until `expiresAt`) until they are.
 */
export type LeaseState = 'running' | 'repair';

/** The one operation that may change a namespace now, or its pending repair. */
export type OperationLease = {
  cluster: string;
  namespace: string;
  operation: OperationType;
  requestedBy: string;
  startedAt: Date;
  /** The backend instance holding it. */
  holder: string;
  /** Fencing token: every write after the acquire must match it. */
  token: string;
  expiresAt: Date;
  state: LeaseState;
  /** The changes to undo should the operation not end; none once it ended. */
  journal?: JournalEntry[];
  /** Why it needs repair. */
  reason?: string;
};

export type LeaseRequest = {
  cluster: string;
  namespace: string;
  operation: OperationType;
  requestedBy: string;
  holder: string;
  ttlMs: number;
};

/** The lease, or who holds the namespace instead. */
export type AcquireOutcome =
  | { acquired: true; lease: OperationLease }
  | { acquired: false; current: OperationLease };

/**
 * Namespace leases in the portal database. Every write but `acquire` is
 * fenced by the lease's token: a holder that lost its lease (it stalled past
 * `expiresAt` and someone took over) changes nothing.
 */
export interface OperationLeaseStore {
  /**
   * Takes the namespace: free, or held by a `running` lease that expired with
   * nothing to repair (its holder died before changing anything). Exactly one
   * of concurrent acquirers wins.
   */
  acquire(request: LeaseRequest): Promise<AcquireOutcome>;
  /** Extends a running lease; false when it is no longer this holder's. */
  renew(lease: OperationLease, ttlMs: number): Promise<boolean>;
  /** Keeps the changes about to be made; throws ConflictError when the lease is lost. */
  recordJournal(lease: OperationLease, entries: JournalEntry[]): Promise<void>;
  /** The operation ended with its changes undone or final: nothing to repair. */
  clearJournal(lease: OperationLease): Promise<void>;
  /** Hands the namespace to the repair sweep; false when the lease is lost. */
  markRepair(
    lease: OperationLease,
    entries: JournalEntry[],
    reason: string,
  ): Promise<boolean>;
  /** Deletes the lease; false when it is no longer this holder's. */
  release(lease: OperationLease): Promise<boolean>;
  /** Deletes expired running leases with nothing to repair; how many. */
  pruneExpired(): Promise<number>;
  /**
   * Leases to repair now: `repair` ones no sweep holds, and `running` ones
   * that expired with a journal (their holder died mid-operation).
   */
  listRepairs(): Promise<OperationLease[]>;
  /**
   * Takes a lease `listRepairs` returned for one repair attempt, with a new
   * token; undefined when another instance took it first.
   */
  claimRepair(
    lease: OperationLease,
    holder: string,
    ttlMs: number,
  ): Promise<OperationLease | undefined>;
  /** A repair attempt that did not finish: any sweep may claim it again. */
  deferRepair(lease: OperationLease): Promise<void>;
  get(cluster: string, namespace: string): Promise<OperationLease | undefined>;
  /** Every lease: few rows, one per namespace with an operation or repair. */
  list(): Promise<OperationLease[]>;
}
