import { isError } from '@backstage/errors';

/** A cluster's circuit is open: requests fail fast until a probe succeeds. */
export class ClusterUnavailableError extends Error {
  readonly cluster: string;

  constructor(
    cluster: string,
    lastFailure: string | undefined,
    retryAfterMs: number,
  ) {
    super(
      `Cluster "${cluster}" is unavailable: requests keep failing` +
        `${lastFailure ? ` (last: ${lastFailure})` : ''}; failing fast,` +
        ` next probe within ${Math.ceil(retryAfterMs / 1000)}s`,
    );
    this.name = 'ClusterUnavailableError';
    this.cluster = cluster;
  }
}

/** A request to a cluster failed without an HTTP response (after retries). */
export class ClusterRequestError extends Error {
  readonly cluster: string;

  constructor(cluster: string, request: string, cause: unknown) {
    super(`Cluster "${cluster}": ${request} failed: ${describeCause(cause)}`);
    this.name = 'ClusterRequestError';
    this.cluster = cluster;
  }
}

/**
 * A cluster's credentials could not be had (an auth provider this plugin
 * cannot use, missing cloud credentials, a strategy that failed): no request
 * was sent. Its message names the cluster and says why.
 */
export class ClusterAuthError extends Error {
  readonly cluster: string;

  constructor(cluster: string, reason: string) {
    super(`Cluster "${cluster}": ${reason}`);
    this.name = 'ClusterAuthError';
    this.cluster = cluster;
  }
}

export function describeCause(cause: unknown): string {
  // By shape: errors from another realm (Node's own, under Jest) are not instanceof Error.
  if (isError(cause)) {
    return cause.message || cause.name;
  }
  return String(cause);
}
