import type { KubeResponse } from './exchange';

/** Longest pause one Retry-After may impose. */
const MAX_PAUSE_MS = 60_000;

/**
 * How long a throttled request waits before it is resent, or undefined when
 * the response is no throttle. With API Priority and Fairness a busy
 * kube-apiserver rejects a request it has not started with 429 and a
 * Retry-After; the request waits that long and goes again (client-go does the
 * same, per request: rest/with_retry.go). Only the throttled request waits:
 * while it does it holds its slot of the engine's concurrency, so what the
 * client has in flight shrinks to what the server's priority level admits.
 * Pausing every request of the cluster instead made them all resume at the
 * same instant and overflow the level again: against a level of 5 seats, 100
 * PATCHes took 12–29 s instead of 1–2 s.
 */
export function throttlePauseMs(response: KubeResponse): number | undefined {
  if (response.status !== 429) return undefined;
  return Math.min(retryAfterMs(response), MAX_PAUSE_MS);
}

/** Retry-After in seconds (kube-apiserver's form); 1 s when absent or unreadable. */
function retryAfterMs(response: KubeResponse): number {
  const seconds = Number(response.headers['retry-after']);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000;
}
