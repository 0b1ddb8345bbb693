import {
  DynamoDBServiceException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { BrokenCircuitError } from 'cockatiel';

/** Client faults that say the service is up but busy: worth a retry. */
const THROTTLES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'LimitExceededException',
]);

/**
 * Worth another attempt: network errors, timeouts, server faults and
 * throttling. A condition that failed or a malformed request is not.
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof BrokenCircuitError) return false;
  if (error instanceof TransactionCanceledException) {
    return cancellationCodes(error).some(
      code => code !== 'None' && code !== 'ConditionalCheckFailed',
    );
  }
  if (error instanceof DynamoDBServiceException) {
    return (
      error.$fault === 'server' ||
      Boolean(error.$retryable) ||
      THROTTLES.has(error.name)
    );
  }
  return true;
}

/** DynamoDB cannot answer now: a transient failure, or the breaker is open after many. */
export function isUnavailable(error: unknown): boolean {
  return error instanceof BrokenCircuitError || isTransient(error);
}

/**
 * Errors after which a write is kept for later rather than given up: every
 * failure except a request DynamoDB will never accept (too large, invalid).
 */
export function isWorthQueueing(error: unknown): boolean {
  return !(
    error instanceof DynamoDBServiceException &&
    error.name === 'ValidationException'
  );
}

/** The code of each item of a cancelled transaction (`None` when it was fine). */
export function cancellationCodes(error: unknown): string[] {
  if (!(error instanceof TransactionCanceledException)) return [];
  return (error.CancellationReasons ?? []).map(r => r.Code ?? 'None');
}

export function isConditionFailure(error: unknown): boolean {
  return (
    error instanceof DynamoDBServiceException &&
    error.name === 'ConditionalCheckFailedException'
  );
}

export function describeError(error: unknown): string {
  return error instanceof Error
    ? `${error.name}: ${error.message}`
    : String(error);
}
