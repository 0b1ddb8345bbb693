import { K8S_ANNOTATIONS } from '@namespace-scheduler/backstage-plugin-common';
import { replicasCodec } from '../workloads/codecs';
import type { Workload } from '../workloads';
import { refKey } from './intent';
import { recordedOriginal } from './workloadFacts';

/** Unknown originals wake at 1 (seed 000); an HPA without a record keeps its value. */
const DEFAULT_LEVEL = 1;

/**
 * The level wake restores: our annotation, else kube-downscaler's, else the
 * caller's stored copy, else the default.
 */
export function resolveOriginal(
  workload: Workload,
  storedOriginals: ReadonlyMap<string, number>,
): number {
  const original =
    recordedOriginal(workload) ??
    downscalerOriginal(workload) ??
    storedOriginals.get(refKey(workload.kind, workload.name));
  if (original === undefined) {
    return workload.kind === 'HorizontalPodAutoscaler'
      ? workload.level
      : DEFAULT_LEVEL;
  }
  return isOnOffKind(workload) ? Math.min(original, 1) : original;
}

function downscalerOriginal(workload: Workload): number | undefined {
  if (workload.kind === 'ScaledObject') {
    return undefined;
  }
  const value =
    workload.annotations[K8S_ANNOTATIONS.downscalerOriginalReplicas];
  return value === undefined ? undefined : replicasCodec.decode(value);
}

function isOnOffKind(workload: Workload): boolean {
  return workload.kind === 'CronJob' || workload.kind === 'ScaledObject';
}
