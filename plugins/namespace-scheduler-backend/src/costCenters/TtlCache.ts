/**
 * Values loaded on demand and kept for a short time, so a burst of checks
 * reads the catalog once. A failed load is not kept.
 */
export class TtlCache<V> {
  private readonly entries = new Map<
    string,
    { at: number; value: Promise<V> }
  >();

  static create<V>(options: {
    ttlMs: number;
    now?: () => number;
  }): TtlCache<V> {
    return new TtlCache<V>(options.ttlMs, options.now ?? Date.now);
  }

  private constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    const at = this.now();
    const hit = this.entries.get(key);
    if (hit && at - hit.at <= this.ttlMs) return hit.value;
    const value = load();
    const entry = { at, value };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }
}
