import { getField, isObject, JsonObject, KubeObject } from './types';

/** Serves a stored object at another API version (autoscaling/v1 HPAs from autoscaling/v2 storage). */
export interface VersionView {
  toServed(stored: KubeObject): KubeObject;
  /** `current` is the stored object on updates, so fields the served version lacks survive. */
  toStored(served: KubeObject, current?: KubeObject): KubeObject;
}

/**
 * autoscaling/v1 <-> autoscaling/v2 HorizontalPodAutoscaler conversion.
 * v1 only knows a CPU utilization target; other v2 metrics and `behavior` are kept from the
 * stored object on v1 writes. (The real server also mirrors them into
 * `autoscaling.alpha.kubernetes.io/*` annotations; the sandbox does not.)
 */

function isCpuUtilization(metric: unknown): boolean {
  return (
    getField(metric, 'type') === 'Resource' &&
    getField(metric, 'resource', 'name') === 'cpu' &&
    getField(metric, 'resource', 'target', 'type') === 'Utilization'
  );
}

function metricsOf(obj: KubeObject | undefined): unknown[] {
  const metrics = getField(obj, 'spec', 'metrics');
  return Array.isArray(metrics) ? metrics : [];
}

function withoutUndefined(obj: JsonObject): JsonObject {
  return Object.fromEntries(
    Object.entries(obj).filter(([, v]) => v !== undefined),
  );
}

function toV1(stored: KubeObject): KubeObject {
  const spec = isObject(stored.spec) ? stored.spec : {};
  const status = isObject(stored.status) ? stored.status : {};
  const cpu = metricsOf(stored).find(isCpuUtilization);
  const currentCpu = (
    Array.isArray(status.currentMetrics) ? status.currentMetrics : []
  ).find(m => getField(m, 'resource', 'name') === 'cpu');
  return {
    kind: 'HorizontalPodAutoscaler',
    apiVersion: 'autoscaling/v1',
    metadata: stored.metadata,
    spec: withoutUndefined({
      scaleTargetRef: spec.scaleTargetRef,
      minReplicas: spec.minReplicas,
      maxReplicas: spec.maxReplicas,
      targetCPUUtilizationPercentage: getField(
        cpu,
        'resource',
        'target',
        'averageUtilization',
      ),
    }),
    // v1's currentReplicas and desiredReplicas are not omitempty.
    status: withoutUndefined({
      observedGeneration: status.observedGeneration,
      lastScaleTime: status.lastScaleTime,
      currentReplicas: status.currentReplicas ?? 0,
      desiredReplicas: status.desiredReplicas ?? 0,
      currentCPUUtilizationPercentage: getField(
        currentCpu,
        'resource',
        'current',
        'averageUtilization',
      ),
    }),
  };
}

function toV2(served: KubeObject, current?: KubeObject): KubeObject {
  const spec = isObject(served.spec) ? served.spec : {};
  const { targetCPUUtilizationPercentage: cpuTarget, ...rest } = spec;
  const otherMetrics = metricsOf(current).filter(m => !isCpuUtilization(m));
  const cpuMetric =
    cpuTarget === undefined
      ? []
      : [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: { type: 'Utilization', averageUtilization: cpuTarget },
            },
          },
        ];
  const currentSpec = isObject(current?.spec) ? current.spec : {};
  return {
    ...served,
    apiVersion: 'autoscaling/v2',
    spec: withoutUndefined({
      ...rest,
      metrics: [...cpuMetric, ...otherMetrics],
      behavior: currentSpec.behavior,
    }),
    ...(current ? { status: current.status } : {}),
  };
}

export const hpaV1View: VersionView = { toServed: toV1, toStored: toV2 };
