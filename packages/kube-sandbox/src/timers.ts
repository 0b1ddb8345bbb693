/** Timers the sandbox cancels all at once when it closes, so nothing outlives it. */
export class Timers {
  private readonly pending = new Map<NodeJS.Timeout, () => void>();

  /** Runs `fn` after `ms`, unless cleared first. */
  after(ms: number, fn: () => void): void {
    this.start(ms, fn, () => {});
  }

  /** Resolves true after `ms`, or false as soon as the timers are cleared. */
  sleep(ms: number): Promise<boolean> {
    return new Promise(resolve =>
      this.start(
        ms,
        () => resolve(true),
        () => resolve(false),
      ),
    );
  }

  clear(): void {
    for (const [timer, onCancel] of this.pending) {
      clearTimeout(timer);
      onCancel();
    }
    this.pending.clear();
  }

  private start(ms: number, onFire: () => void, onCancel: () => void): void {
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      onFire();
    }, ms);
    this.pending.set(timer, onCancel);
  }
}
