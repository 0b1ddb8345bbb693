/** Where a cluster's bearer token comes from when it is not fixed in config. */
export interface BearerTokenSource {
  /**
   * The token to send now (undefined: send none). Throws a ClusterAuthError,
   * naming the cluster and why, when there is none to be had.
   */
  token(): Promise<string | undefined>;
  /**
   * The server answered 401 to a request carrying `authorization` (its
   * Authorization header): a cached token it was is not used again.
   */
  refused(authorization: string | undefined): void;
}

/** A source that always fails with `error` (a cluster whose auth is not resolved). */
export function failingTokenSource(error: Error): BearerTokenSource {
  return {
    token: () => Promise.reject(error),
    refused: () => {},
  };
}
