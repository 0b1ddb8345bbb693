import type { ResponseContext } from '@kubernetes/client-node';
import { setTimeout as sleep } from 'node:timers/promises';

/** Longest pause one Retry-After may impose. */
const MAX_PAUSE_MS = 60_000;

/**
 * The pace the API server asks for. With API Priority and Fairness a busy
 * kube-apiserver rejects a request it has not started with 429 and a
 * Retry-After; then every new attempt to that cluster waits that long, so the
 * client slows down exactly when the server says so instead of holding a
 * fixed low rate all the time (client-go does the same).
 */
export class ServerPacing {
  private pausedUntil = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Waits out a pause the server asked for. */
  async ready(): Promise<void> {
    const wait = this.pausedUntil - this.now();
    if (wait > 0) await sleep(wait);
  }

  /** Whether the response is a throttle (429); if so, pauses new attempts as it asks. */
  throttled(response: ResponseContext): boolean {
    if (response.httpStatusCode !== 429) return false;
    const pause = Math.min(retryAfterMs(response), MAX_PAUSE_MS);
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + pause);
    return true;
  }
}

/** Retry-After in seconds (kube-apiserver's form); 1 s when absent or unreadable. */
function retryAfterMs(response: ResponseContext): number {
  const seconds = Number(response.headers['retry-after']);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000;
}
