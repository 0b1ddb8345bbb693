import {
  IsomorphicFetchHttpLibrary,
  PromiseHttpLibrary,
  RequestContext,
  ResponseContext,
} from '@kubernetes/client-node';
import { BrokenCircuitError } from 'cockatiel';
import { ClusterRequestError, ClusterUnavailableError } from '../errors';
import type { ClusterPolicies } from './resiliencePolicy';
import type { TokenBucket } from './TokenBucket';

/**
 * Sends every request of one cluster through its rate limit, per-attempt
 * timeout, retries and circuit breaker. Responses are buffered inside the
 * attempt so a slow body counts against the timeout and the socket is freed.
 */
export class ResilientHttpLibrary implements PromiseHttpLibrary {
  private readonly inner = new IsomorphicFetchHttpLibrary();
  private lastFailure?: string;

  constructor(
    private readonly cluster: string,
    private readonly policies: ClusterPolicies,
    private readonly limiter: TokenBucket,
    private readonly halfOpenAfterMs: number,
  ) {
    policies.onBreakerFailure(reason => {
      this.lastFailure = reason;
    });
  }

  async send(request: RequestContext): Promise<ResponseContext> {
    try {
      return await this.policies.call.execute(() => this.attempt(request));
    } catch (error) {
      throw this.toClusterError(request, error);
    }
  }

  private async attempt(request: RequestContext): Promise<ResponseContext> {
    await this.limiter.take();
    return this.policies.attempt.execute(async ({ signal }) => {
      request.setSignal(signal);
      const response = await this.inner.send(request).toPromise();
      return buffered(response, await response.body.binary());
    });
  }

  private toClusterError(request: RequestContext, error: unknown): Error {
    if (error instanceof BrokenCircuitError) {
      return new ClusterUnavailableError(
        this.cluster,
        this.lastFailure,
        this.halfOpenAfterMs,
      );
    }
    const url = new URL(request.getUrl());
    return new ClusterRequestError(
      this.cluster,
      `${request.getHttpMethod()} ${url.pathname}`,
      error,
    );
  }
}

function buffered(response: ResponseContext, body: Buffer): ResponseContext {
  return new ResponseContext(response.httpStatusCode, response.headers, {
    binary: async () => body,
    text: async () => body.toString('utf8'),
  });
}
