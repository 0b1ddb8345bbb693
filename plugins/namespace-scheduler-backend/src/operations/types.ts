import {
  Activity,
  ActivitySource,
  OperationIntent,
  OperationProgressEvent,
  OperationResult,
} from '@namespace-scheduler/backstage-plugin-common';

/** One wake, sleep or scale, manual or scheduled: the intent and who, where and why. */
export type OperationRequest = OperationIntent & OperationContext;

/** Everything about an operation but its intent. */
export interface OperationContext {
  cluster: string;
  namespace: string;
  /** Plan only: nothing changes and no activity is recorded. */
  dryRun?: boolean;
  /** Wake or scale up: wait this long at most for the started workloads to be ready. */
  waitForReadySeconds?: number;
  costCenter: string;
  /** The portal user's entity ref (from the credentials, never a body), or `scheduler`. */
  requestedBy: string;
  approvedBy?: string;
  /** The person behind it; defaults to `requestedBy`. For scheduled runs, the schedule's creator. */
  userId?: string;
  scheduleId?: string;
  /** What made it happen, recorded on its activity. */
  source?: ActivitySource;
  /** Why, in words, recorded on its activity (see ../reasons). */
  reason?: string;
  onProgress?: (event: OperationProgressEvent) => void;
  /** Ties the operation's log lines to what caused it (an API request's x-request-id, a schedule run). */
  correlationId?: string;
}

export interface OperationOutcome {
  result: OperationResult;
  /** The recorded activity; absent for dry runs. */
  activity?: Activity;
}
