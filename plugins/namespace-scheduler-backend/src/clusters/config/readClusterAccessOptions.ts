import type { Config } from '@backstage/config';
import { ClusterAccessOptions, DEFAULT_CLUSTER_ACCESS_OPTIONS } from '../types';

/** `namespaceScheduler.clusterAccess`, with the documented defaults. */
export function readClusterAccessOptions(config: Config): ClusterAccessOptions {
  const access = config.getOptionalConfig('namespaceScheduler.clusterAccess');
  const d = DEFAULT_CLUSTER_ACCESS_OPTIONS;
  const num = (key: string, fallback: number) =>
    access?.getOptionalNumber(key) ?? fallback;
  return {
    qps: num('qps', d.qps),
    burst: num('burst', d.burst),
    maxSockets: num('maxSockets', d.maxSockets),
    requestTimeoutMs: num('requestTimeoutMs', d.requestTimeoutMs),
    retryMaxAttempts: num('retry.maxAttempts', d.retryMaxAttempts),
    retryInitialDelayMs: num('retry.initialDelayMs', d.retryInitialDelayMs),
    retryMaxDelayMs: num('retry.maxDelayMs', d.retryMaxDelayMs),
    breakerConsecutiveFailures: num(
      'circuitBreaker.consecutiveFailures',
      d.breakerConsecutiveFailures,
    ),
    breakerHalfOpenAfterMs: num(
      'circuitBreaker.halfOpenAfterMs',
      d.breakerHalfOpenAfterMs,
    ),
  };
}
