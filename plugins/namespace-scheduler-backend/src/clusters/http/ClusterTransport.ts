import { BrokenCircuitError } from 'cockatiel';
import { setTimeout as sleep } from 'node:timers/promises';
import { ClusterRequestError, ClusterUnavailableError } from '../errors';
import type { ClusterRequestObserver } from '../types';
import type { ClusterOrigin, KubeExchange, KubeResponse } from './exchange';
import { kubeVerb } from './kubeVerb';
import type { ClusterPolicies } from './resiliencePolicy';
import { sendOverAgent } from './sendOverAgent';
import { throttlePauseMs } from './throttle';
import type { TokenBucket } from './TokenBucket';

/** Throttled answers resent before the 429 counts as a failed attempt (client-go: 10). */
const MAX_THROTTLES = 10;
/** Answers that mean the cluster did not serve the request (after retries). */
const UNSERVED_STATUSES = new Set([429, 500, 502, 503, 504]);

export interface ClusterTransportOptions {
  cluster: string;
  origin: ClusterOrigin;
  policies: ClusterPolicies;
  limiter: TokenBucket;
  halfOpenAfterMs: number;
  observe?: ClusterRequestObserver;
  /** One attempt per request, past the breaker: for rollbacks, which retry themselves. */
  recovery?: boolean;
  /** Told of each 401 answer (a token the cluster's credential source should drop). */
  onUnauthorized?: (exchange: KubeExchange) => void;
}

/** How many 429s one request met, across its attempts. */
interface Tally {
  throttles: number;
}

/**
 * Sends every request of one cluster through its rate limit, per-attempt
 * timeout, retries and circuit breaker (the recovery variant: rate limit and
 * timeout only), and tells the observer how each ended. Both client-node's
 * APIs (ResilientHttpLibrary) and the JSON client (KubeJsonClient) send
 * through it, so they share one breaker, bulkhead and rate limit per cluster.
 */
export class ClusterTransport {
  private lastFailure?: string;

  constructor(private readonly options: ClusterTransportOptions) {
    if (!options.recovery) {
      options.policies.onBreakerFailure(reason => {
        this.lastFailure = reason;
      });
    }
  }

  /** The same cluster past the breaker and retries (see ClusterClient.recovery). */
  recovery(): ClusterTransport {
    return new ClusterTransport({ ...this.options, recovery: true });
  }

  async send(exchange: KubeExchange): Promise<KubeResponse> {
    const started = performance.now();
    const tally: Tally = { throttles: 0 };
    let failed = true;
    try {
      const response = this.options.recovery
        ? await this.attempt(exchange, tally)
        : await this.options.policies.call.execute(() =>
            this.attempt(exchange, tally),
          );
      failed = UNSERVED_STATUSES.has(response.status);
      return response;
    } catch (error) {
      throw this.toClusterError(exchange, error);
    } finally {
      this.options.observe?.({
        cluster: this.options.cluster,
        verb: kubeVerb(exchange.method, exchange.path),
        durationSeconds: (performance.now() - started) / 1000,
        failed,
        throttled: tally.throttles,
      });
    }
  }

  /** Whether the circuit breaker fails this cluster's requests fast now. */
  circuitOpen(): boolean {
    return this.options.policies.isOpen();
  }

  /**
   * One attempt, resent while the server throttles it (429 from API Priority
   * and Fairness: rejected before any processing, so resending is safe),
   * each time after the pause it asks for.
   */
  private async attempt(
    exchange: KubeExchange,
    tally: Tally,
  ): Promise<KubeResponse> {
    for (let throttles = 0; ; throttles++) {
      const response = await this.sendOnce(exchange);
      if (response.status === 401) this.options.onUnauthorized?.(exchange);
      const pause = throttlePauseMs(response);
      if (pause === undefined) return response;
      tally.throttles++;
      if (throttles >= MAX_THROTTLES) return response;
      await sleep(pause);
    }
  }

  private sendOnce(exchange: KubeExchange): Promise<KubeResponse> {
    const { policies, limiter, origin } = this.options;
    return policies.sockets.execute(async () => {
      // Awaited only when the bucket makes it wait: with no client rate limit
      // (the default) that saves a timer-less await per attempt.
      const waitMs = limiter.reserve();
      if (waitMs > 0) await sleep(waitMs);
      return sendOverAgent(origin, exchange, policies.attemptTimeoutMs);
    });
  }

  private toClusterError(exchange: KubeExchange, error: unknown): Error {
    if (error instanceof BrokenCircuitError) {
      return new ClusterUnavailableError(
        this.options.cluster,
        this.lastFailure,
        this.options.halfOpenAfterMs,
      );
    }
    return new ClusterRequestError(
      this.options.cluster,
      `${exchange.method} ${exchange.path.split('?', 1)[0]}`,
      error,
    );
  }
}
