import { K8S_ANNOTATIONS } from '@namespace-scheduler/backstage-plugin-common';
import { ADAPTERS, Workload } from '../workloads';
import { refKey } from './intent';

/** The annotation that excludes a workload, if any. */
export function exclusionOf(workload: Workload): string | undefined {
  return [K8S_ANNOTATIONS.exclude, K8S_ANNOTATIONS.downscalerExclude].find(
    annotation =>
      workload.annotations[annotation]?.trim().toLowerCase() === 'true',
  );
}

/** Wake phase: the kind's default unless `namespace-scheduler/wake-phase` gives an integer. */
export function phaseOf(workload: Workload): number {
  const override = workload.annotations[K8S_ANNOTATIONS.wakePhase]?.trim();
  return override && /^-?\d+$/.test(override)
    ? Number(override)
    : ADAPTERS[workload.kind].phase;
}

/** Our recorded original, when the marker holds a valid one. */
export function recordedOriginal(workload: Workload): number | undefined {
  const adapter = ADAPTERS[workload.kind];
  const marker = workload.annotations[adapter.markerAnnotation];
  return marker === undefined ? undefined : adapter.decode(marker);
}

export function hasMarker(workload: Workload): boolean {
  return (
    workload.annotations[ADAPTERS[workload.kind].markerAnnotation] !== undefined
  );
}

/** Keys of excluded workloads, so the HPAs and ScaledObjects that scale them are left too. */
export function excludedKeys(
  workloads: readonly Workload[],
): ReadonlySet<string> {
  return new Set(
    workloads.filter(exclusionOf).map(w => refKey(w.kind, w.name)),
  );
}
