/**
 * Catalog annotations read by the Namespace Scheduler.
 *
 * @public
 */
export const ANNOTATION_KUBERNETES_NAMESPACE =
  'backstage.io/kubernetes-namespace';
/**
 * `[cluster/]namespace, …` — the namespaces an entity claims.
 *
 * @public
 */
export const ANNOTATION_NAMESPACES = 'namespace-scheduler/namespaces';
/**
 * `CC-1, CC-2` — the cost centers an entity (or its owner Group) may charge.
 *
 * @public
 */
export const ANNOTATION_COST_CENTERS = 'namespace-scheduler/cost-centers';
/**
 * `Mon-Fri 08:00-19:00 Europe/Madrid; …` — schedules declared as code on an
 * entity (or its owner Group); see docs/schedules-as-code.md.
 *
 * @public
 */
export const ANNOTATION_SCHEDULE = 'namespace-scheduler/schedule';

/**
 * Annotations the engine reads and writes on Kubernetes objects.
 *
 * @public
 */
export const K8S_ANNOTATIONS = {
  exclude: 'namespace-scheduler/exclude',
  originalReplicas: 'namespace-scheduler/original-replicas',
  originalSuspend: 'namespace-scheduler/original-suspend',
  originalMinReplicas: 'namespace-scheduler/original-min-replicas',
  /** On a KEDA ScaledObject we paused: its paused-replicas value before (`none` when unpaused). */
  originalPausedReplicas: 'namespace-scheduler/original-paused-replicas',
  wakePhase: 'namespace-scheduler/wake-phase',
  /** kube-downscaler compatibility (read only). */
  downscalerExclude: 'downscaler/exclude',
  downscalerOriginalReplicas: 'downscaler/original-replicas',
  /** KEDA: a ScaledObject with this annotation holds its target at that many replicas. */
  kedaPausedReplicas: 'autoscaling.keda.sh/paused-replicas',
} as const;
