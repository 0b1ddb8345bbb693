import {
  PromiseHttpLibrary,
  RequestContext,
  ResponseContext,
} from '@kubernetes/client-node';
import { BrokenCircuitError } from 'cockatiel';
import { setTimeout as sleep } from 'node:timers/promises';
import { ClusterRequestError, ClusterUnavailableError } from '../errors';
import type { ClusterRequestObserver } from '../types';
import { kubeVerb } from './kubeVerb';
import type { ClusterPolicies } from './resiliencePolicy';
import { sendOverAgent } from './sendOverAgent';
import { throttlePauseMs } from './throttle';
import type { TokenBucket } from './TokenBucket';

/** Throttled answers resent before the 429 counts as a failed attempt (client-go: 10). */
const MAX_THROTTLES = 10;

/** Answers that mean the cluster did not serve the request (after retries). */
const UNSERVED_STATUSES = new Set([429, 500, 502, 503, 504]);

export interface ResilientHttpOptions {
  cluster: string;
  policies: ClusterPolicies;
  limiter: TokenBucket;
  halfOpenAfterMs: number;
  observe?: ClusterRequestObserver;
  /** One attempt per request, past the breaker: for rollbacks, which retry themselves. */
  recovery?: boolean;
}

/**
 * Sends every request of one cluster through its rate limit, per-attempt
 * timeout, retries and circuit breaker (the recovery variant: rate limit and
 * timeout only). Responses are buffered inside the attempt so a slow body
 * counts against the timeout and the socket is freed.
 */
export class ResilientHttpLibrary implements PromiseHttpLibrary {
  private lastFailure?: string;

  constructor(private readonly options: ResilientHttpOptions) {
    if (!options.recovery) {
      options.policies.onBreakerFailure(reason => {
        this.lastFailure = reason;
      });
    }
  }

  async send(request: RequestContext): Promise<ResponseContext> {
    const started = performance.now();
    const tally = { throttles: 0 };
    let failed = true;
    try {
      const response = this.options.recovery
        ? await this.attempt(request, tally)
        : await this.options.policies.call.execute(() =>
            this.attempt(request, tally),
          );
      failed = UNSERVED_STATUSES.has(response.httpStatusCode);
      return response;
    } catch (error) {
      throw this.toClusterError(request, error);
    } finally {
      this.options.observe?.({
        cluster: this.options.cluster,
        verb: kubeVerb(request.getHttpMethod(), new URL(request.getUrl())),
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
    request: RequestContext,
    tally: { throttles: number },
  ): Promise<ResponseContext> {
    for (let throttles = 0; ; throttles++) {
      const response = await this.sendOnce(request);
      const pause = throttlePauseMs(response);
      if (pause === undefined) return response;
      tally.throttles++;
      if (throttles >= MAX_THROTTLES) return response;
      await sleep(pause);
    }
  }

  private sendOnce(request: RequestContext): Promise<ResponseContext> {
    const { policies, limiter } = this.options;
    return policies.sockets.execute(async () => {
      await limiter.take();
      return policies.attempt.execute(({ signal }) =>
        sendOverAgent(request, signal),
      );
    });
  }

  private toClusterError(request: RequestContext, error: unknown): Error {
    if (error instanceof BrokenCircuitError) {
      return new ClusterUnavailableError(
        this.options.cluster,
        this.lastFailure,
        this.options.halfOpenAfterMs,
      );
    }
    const url = new URL(request.getUrl());
    return new ClusterRequestError(
      this.options.cluster,
      `${request.getHttpMethod()} ${url.pathname}`,
      error,
    );
  }
}
