import {
  OperationType,
  WorkloadKind,
} from '@namespace-scheduler/backstage-plugin-common';

/** How each operation is named in buttons, titles and results. */
export const OPERATION_LABELS: Record<
  OperationType,
  { action: string; done: string }
> = {
  sleep: { action: 'Sleep', done: 'Slept' },
  wake: { action: 'Wake', done: 'Woke' },
  scale: { action: 'Scale', done: 'Scaled' },
};

/**
 * A workload's "replicas" as the engine counts them: CronJobs and KEDA
 * ScaledObjects run (1) or not (0); HPAs report their minimum.
 */
export function formatReplicas(type: WorkloadKind, replicas: number): string {
  switch (type) {
    case 'CronJob':
      return replicas ? 'active' : 'suspended';
    case 'ScaledObject':
      return replicas ? 'active' : 'paused';
    case 'HorizontalPodAutoscaler':
      return `min ${replicas}`;
    default:
      return String(replicas);
  }
}
