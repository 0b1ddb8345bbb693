export type DependencyStatus = {
  status: 'ok' | 'error';
  latencyMs: number;
  message?: string;
};

export type ReadinessReport = {
  status: 'ok' | 'error';
  checks: Record<string, DependencyStatus>;
};
