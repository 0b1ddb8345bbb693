import type {
  OperationProgressEvent,
  OriginalValue,
  WorkloadKind,
} from '@namespace-scheduler/backstage-plugin-common';

type LogMeta = Record<string, string | number | boolean | null | undefined>;

/** The logging the engine needs; Backstage's LoggerService fits. */
export interface EngineLogger {
  debug(message: string, meta?: LogMeta): void;
  info(message: string, meta?: LogMeta): void;
  warn(message: string, meta?: LogMeta): void;
  error(message: string, meta?: LogMeta): void;
}

/** A workload's level and original-value marker, as written (see workloads/types). */
export interface JournalState {
  level: number;
  marker: string | null;
}

/**
 * One change of an operation as a durable journal keeps it: enough to undo it
 * later, from another process, without the operation's memory.
 */
export interface JournalEntry {
  kind: WorkloadKind;
  name: string;
  /** The object's resourceVersion the write was made against (its precondition). */
  resourceVersion: string;
  from: JournalState;
  to: JournalState;
}

/**
 * Where an operation's changes are kept so they can be undone after the
 * process dies or the cluster stays unreachable past the rollback window
 * (the operation lease in the portal database).
 */
export interface OperationJournal {
  /** Before the first write: every change the operation is about to make. A throw stops it with nothing changed. */
  planned(entries: JournalEntry[]): Promise<void>;
  /** The rollback window passed with these changes not known to be undone: they need repair. */
  unresolved(entries: JournalEntry[]): Promise<void>;
}

export interface OperationOptions {
  /** Send every write with `dryRun=All`: validate and report the plan, change nothing. */
  dryRun?: boolean;
  /** Called for each workload as it starts, succeeds, fails or is rolled back. */
  onProgress?: (event: OperationProgressEvent) => void;
  /** This operation's logger (e.g. a child carrying its ids); the engine's own otherwise. */
  logger?: EngineLogger;
  /** Keeps the planned changes durable; not used by dry runs. */
  journal?: OperationJournal;
  /**
   * Wake and scale: originals kept by the caller (e.g. in the store), used
   * for workloads that lost their annotation.
   */
  storedOriginals?: OriginalValue[];
  /**
   * Wake and scale up: wait until the started Deployments and StatefulSets
   * report their replicas ready (each phase before the next), at most this
   * long in all. One not ready in time still succeeds and reports it.
   */
  waitForReadyMs?: number;
}

/** What a repair did to a journal's changes. */
export interface RepairOutcome {
  /** Every change is undone, never landed, or was since changed by someone else. */
  done: boolean;
  /** Changes written back to their state before the operation. */
  restored: number;
  /** Left alone: someone else changed them after the operation. */
  leftAlone: string[];
  /** Why the repair is not done (unreachable cluster, refused writes). */
  errors: string[];
}
