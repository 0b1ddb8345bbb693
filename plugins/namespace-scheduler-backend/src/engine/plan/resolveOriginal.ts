import { K8S_ANNOTATIONS } from '@namespace-scheduler/backstage-plugin-common';
import { replicasCodec } from '../workloads/codecs';
import type { Workload } from '../workloads';
import { refKey } from './intent';
import { hasMarker, recordedOriginal } from './workloadFacts';

/** A marker we wrote that no longer holds a valid original wakes at 1 replica. */
const UNKNOWN_ORIGINAL = 1;

/**
 * The level wake restores: our annotation, else kube-downscaler's, else the
 * caller's stored copy. undefined when nothing records that the workload was
 * put to sleep: then it was stopped by someone else, and wake leaves it so.
 */
export function resolveOriginal(
  workload: Workload,
  storedOriginals: ReadonlyMap<string, number>,
): number | undefined {
  const original =
    recordedOriginal(workload) ??
    downscalerOriginal(workload) ??
    storedOriginals.get(refKey(workload.kind, workload.name)) ??
    (hasMarker(workload) ? UNKNOWN_ORIGINAL : undefined);
  if (original === undefined) {
    return undefined;
  }
  return isOnOffKind(workload) ? Math.min(original, 1) : original;
}

/**
 * Stopped, and nothing records that the scheduler (or kube-downscaler) did
 * it: the team stopped it, and no operation starts it. HPAs are never off:
 * they follow their target.
 */
export function isOffByTeam(
  workload: Workload,
  storedOriginals: ReadonlyMap<string, number>,
): boolean {
  return (
    workload.kind !== 'HorizontalPodAutoscaler' &&
    workload.level === 0 &&
    resolveOriginal(workload, storedOriginals) === undefined
  );
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
