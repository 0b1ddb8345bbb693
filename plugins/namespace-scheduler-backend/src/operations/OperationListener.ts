import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  Activity,
  OperationResult,
} from '@namespace-scheduler/backstage-plugin-common';
import type { OperationRequest } from './types';

/** An operation that ran (never a dry run), as OperationService recorded it. */
export type OperationOutcomeEvent = {
  request: OperationRequest;
  /** Carries the operation's `operationId` (and the request's `correlationId`). */
  operationId: string;
  result: OperationResult;
  activity: Activity;
  /** The operation's logger: its lines carry `operationId` and `correlationId`. */
  logger: LoggerService;
};

/**
 * Told about every operation after its activity is recorded: metrics,
 * notifications, Alertmanager silences. A listener that throws is logged and
 * never fails the operation.
 */
export interface OperationListener {
  /** Names the listener in the log line of its failures. */
  readonly name: string;
  onOutcome(event: OperationOutcomeEvent): Promise<void>;
}
