import type {
  ClusterDetails,
  KubernetesCredential,
} from '@backstage/plugin-kubernetes-node';
import { ClusterAuthError, describeCause } from '../errors';
import type { BearerTokenSource } from './BearerTokenSource';
import type { AuthStrategyLoader } from './loadAuthStrategy';

/**
 * How long a token is reused. Strategies' credentials expire and say not when
 * (an EKS token 15 minutes after it is signed, Azure and Google access tokens
 * after about an hour), so a token is renewed well before the shortest of them.
 */
export const TOKEN_TIMES = {
  /** A token this old is renewed before the next request. */
  refreshAfterMs: 5 * 60_000,
  /** While renewal fails, a token younger than this is still sent. */
  maxAgeMs: 10 * 60_000,
  /** After a failure, requests fail with it for this long before it is tried again. */
  retryAfterMs: 5_000,
  /** A strategy that has not answered by then (a hung STS or token endpoint) has failed. */
  fetchTimeoutMs: 30_000,
};

interface Cached {
  token: string | undefined;
  at: number;
}

/**
 * A cluster's bearer token from the kubernetes plugin's auth strategy
 * (`strategy.getCredential(clusterDetails, {})`): fetched once for all
 * concurrent requests, reused until `refreshAfterMs`, dropped when the
 * server refuses it.
 */
export class StrategyTokenSource implements BearerTokenSource {
  private cached?: Cached;
  private pending?: Promise<string | undefined>;
  private failure?: { error: Error; at: number };

  constructor(
    private readonly cluster: ClusterDetails,
    private readonly authProvider: string,
    private readonly strategy: AuthStrategyLoader,
    private readonly times = TOKEN_TIMES,
    private readonly now: () => number = Date.now,
  ) {}

  async token(): Promise<string | undefined> {
    const now = this.now();
    const cached = this.cached;
    if (cached && now - cached.at < this.times.refreshAfterMs) {
      return cached.token;
    }
    try {
      if (this.failure && now - this.failure.at < this.times.retryAfterMs) {
        throw this.failure.error;
      }
      this.pending ??= this.fetch().finally(() => {
        this.pending = undefined;
      });
      return await this.pending;
    } catch (error) {
      if (
        cached &&
        cached === this.cached &&
        now - cached.at < this.times.maxAgeMs
      ) {
        return cached.token;
      }
      throw error;
    }
  }

  refused(authorization: string | undefined): void {
    const cached = this.cached;
    if (cached && authorization === authorizationOf(cached.token)) {
      this.cached = undefined;
    }
  }

  private async fetch(): Promise<string | undefined> {
    try {
      const strategy = await this.strategy();
      const invalid = strategy.validateCluster(this.cluster.authMetadata);
      if (invalid.length > 0) {
        throw new Error(invalid.map(e => e.message).join('; '));
      }
      const credential = await withTimeout(
        strategy.getCredential(this.cluster, {}),
        this.times.fetchTimeoutMs,
      );
      const token = tokenOf(credential);
      this.cached = { token, at: this.now() };
      this.failure = undefined;
      return token;
    } catch (error) {
      const failed = new ClusterAuthError(
        this.cluster.name,
        `authProvider "${
          this.authProvider
        }" gave no credentials: ${describeCause(error)}`,
      );
      this.failure = { error: failed, at: this.now() };
      throw failed;
    }
  }
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    timer.unref();
  });
  return Promise.race([promise, timedOut]).finally(() => clearTimeout(timer));
}

function tokenOf(credential: KubernetesCredential): string | undefined {
  switch (credential.type) {
    case 'bearer token':
      return credential.token;
    case 'anonymous':
      return undefined;
    default:
      throw new Error(`a "${credential.type}" credential is not supported`);
  }
}

export function authorizationOf(token: string | undefined): string | undefined {
  return token ? `Bearer ${token}` : undefined;
}
