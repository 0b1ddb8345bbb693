import {
  BrokenCircuitError,
  bulkhead,
  BulkheadPolicy,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
  IPolicy,
  retry,
  wrap,
} from 'cockatiel';
import type { ClusterAccessOptions } from '../types';
import type { KubeResponse } from './exchange';

/** Statuses worth another attempt; 409 is not among them (the caller re-reads). */
const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);
/** 429 means the server is up but busy, so it does not count towards the breaker. */
const BREAKER_STATUSES = new Set([500, 502, 503, 504]);

function isTransientError(error: Error): boolean {
  return !(error instanceof BrokenCircuitError);
}

function statusIn(statuses: Set<number>) {
  return (result: unknown): boolean =>
    isResponse(result) && statuses.has(result.status);
}

function isResponse(value: unknown): value is KubeResponse {
  return typeof value === 'object' && value !== null && 'status' in value;
}

export interface ClusterPolicies {
  /** Retry (exponential backoff, decorrelated jitter) around the circuit breaker. */
  call: IPolicy;
  /**
   * Time limit of one attempt, enforced by sendOverAgent with a plain timer
   * (cockatiel's timeout policy builds an AbortController per attempt).
   */
  attemptTimeoutMs: number;
  /**
   * At most maxSockets attempts past the rate limit at once. A request that
   * took its token and then queued for a socket would reach the server later,
   * bunched with others, exceeding qps + burst in some second there.
   */
  sockets: BulkheadPolicy;
  /** Called with the reason of each failure the breaker counts. */
  onBreakerFailure(listener: (reason: string) => void): void;
  /** Whether the breaker fails requests fast now (open or isolated). */
  isOpen(): boolean;
}

export function createClusterPolicies(
  options: ClusterAccessOptions,
): ClusterPolicies {
  const breaker = circuitBreaker(
    handleWhen(isTransientError).orWhenResult(statusIn(BREAKER_STATUSES)),
    {
      halfOpenAfter: options.breakerHalfOpenAfterMs,
      breaker: new ConsecutiveBreaker(options.breakerConsecutiveFailures),
    },
  );
  const retries = retry(
    handleWhen(isTransientError).orWhenResult(statusIn(RETRYABLE_STATUSES)),
    {
      maxAttempts: options.retryMaxAttempts,
      backoff: new ExponentialBackoff({
        initialDelay: options.retryInitialDelayMs,
        maxDelay: options.retryMaxDelayMs,
      }),
    },
  );
  return {
    call: wrap(retries, breaker),
    attemptTimeoutMs: options.requestTimeoutMs,
    sockets: bulkhead(options.maxSockets, Number.POSITIVE_INFINITY),
    onBreakerFailure: listener => {
      breaker.onFailure(({ reason }) =>
        listener(
          'error' in reason
            ? reason.error.message
            : describeResult(reason.value),
        ),
      );
    },
    isOpen: () =>
      breaker.state === CircuitState.Open ||
      breaker.state === CircuitState.Isolated,
  };
}

function describeResult(value: unknown): string {
  return isResponse(value) ? `HTTP ${value.status}` : 'failed';
}
