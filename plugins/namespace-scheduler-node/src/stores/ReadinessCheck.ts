/**
 * One dependency the plugin cannot serve without (the portal database, a
 * cluster, DynamoDB). `check` resolves when it answers and throws (with a
 * message worth showing an operator) when it does not; it should be cheap,
 * as probes call it every few seconds. The signal aborts when the check
 * timed out.
 */
export interface ReadinessCheck {
  readonly name: string;
  check(signal: AbortSignal): Promise<void>;
}

export type DependencyStatus = {
  status: 'ok' | 'error';
  latencyMs: number;
  message?: string;
};

export type ReadinessReport = {
  status: 'ok' | 'error';
  checks: Record<string, DependencyStatus>;
};
