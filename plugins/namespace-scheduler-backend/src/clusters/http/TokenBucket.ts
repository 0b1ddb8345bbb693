/**
 * A token bucket that queues callers in order: each `reserve()` takes the next
 * token, letting the balance go negative, and says how long to wait until
 * that token exists (the caller waits only when that is more than 0).
 * Reserving instead of polling keeps it fair and timer-cheap under load.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  private constructor(
    private readonly perSecond: number,
    private readonly capacity: number,
    private readonly now: () => number,
  ) {
    this.tokens = capacity;
    this.updatedAt = now();
  }

  /** `perSecond <= 0` makes a bucket that never waits. */
  static create(options: {
    perSecond: number;
    burst: number;
    now?: () => number;
  }): TokenBucket {
    const capacity = Math.max(1, options.burst);
    return new TokenBucket(
      options.perSecond,
      capacity,
      options.now ?? performance.now.bind(performance),
    );
  }

  /** Milliseconds until the reserved token is available. */
  reserve(): number {
    if (this.perSecond <= 0) {
      return 0;
    }
    this.refill();
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.perSecond) * 1000;
  }

  private refill(): void {
    const at = this.now();
    const earned = ((at - this.updatedAt) / 1000) * this.perSecond;
    this.tokens = Math.min(this.capacity, this.tokens + earned);
    this.updatedAt = at;
  }
}
