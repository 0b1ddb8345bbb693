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

export function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    return cause.message || cause.name;
  }
  return String(cause);
}
