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
  timeout,
  TimeoutPolicy,
  TimeoutStrategy,
  wrap,
} from 'cockatiel';
import type { ResponseContext } from '@kubernetes/client-node';
import type { ClusterAccessOptions } from '../types';

/** Statuses worth another attempt; 409 is not among them (the caller re-reads). */
const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);
/** 429 means the server is up but busy, so it does not count towards the breaker. */
const BREAKER_STATUSES = new Set([500, 502, 503, 504]);

function isTransientError(error: Error): boolean {
  return !(error instanceof BrokenCircuitError);
}

function statusIn(statuses: Set<number>) {
  return (result: unknown): boolean =>
    isResponse(result) && statuses.has(result.httpStatusCode);
}

function isResponse(value: unknown): value is ResponseContext {
  return (
    typeof value === 'object' && value !== null && 'httpStatusCode' in value
  );
}

export interface ClusterPolicies {
  /** Retry (exponential backoff, decorrelated jitter) around the circuit breaker. */
  call: IPolicy;
  /** Time limit of one attempt; its signal aborts the request. */
  attempt: TimeoutPolicy;
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
    attempt: timeout(options.requestTimeoutMs, {
      strategy: TimeoutStrategy.Aggressive,
      // An attempt returns only once its body is read (the request is over),
      // so aborting it then would only build a DOMException (with a stack
      // trace) per request: ~5 % of the client's CPU at 800 requests a second.
      abortOnReturn: false,
    }),
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
  return isResponse(value) ? `HTTP ${value.httpStatusCode}` : 'failed';
}
