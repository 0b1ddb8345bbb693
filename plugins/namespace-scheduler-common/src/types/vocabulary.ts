/**
 * Typed operations only: no free-form commands.
 *
 * @public
 */
export type OperationType = 'sleep' | 'wake' | 'scale';

/**
 * The kinds the engine acts on.
 *
 * @public
 */
export type WorkloadKind =
  | 'Deployment'
  | 'StatefulSet'
  | 'CronJob'
  | 'HorizontalPodAutoscaler'
  | 'ScaledObject';
