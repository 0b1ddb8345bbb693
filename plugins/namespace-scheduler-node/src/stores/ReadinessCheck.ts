/**
 * One dependency the plugin cannot serve without (the portal database, a
 * cluster, a store's database). `check` resolves when it answers and throws
 * (with a message worth showing an operator) when it does not; it should be
 * cheap, as probes call it every few seconds. The signal aborts when the
 * check timed out.
 *
 * @public
 */
export interface ReadinessCheck {
  readonly name: string;
  check(signal: AbortSignal): Promise<void>;
}
