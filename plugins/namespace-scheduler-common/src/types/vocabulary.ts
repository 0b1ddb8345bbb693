/** Typed operations only: no free-form commands. */
export type OperationType = 'sleep' | 'wake' | 'scale';

/** The kinds the engine acts on. */
export type WorkloadKind =
  | 'Deployment'
  | 'StatefulSet'
  | 'CronJob'
  | 'HorizontalPodAutoscaler'
  | 'ScaledObject';
