import type { AutoscalerBounds } from '@namespace-scheduler/backstage-plugin-common';
import type { Workload } from '../workloads';
import { refKey } from './intent';
import { isOffByTeam, resolveOriginal } from './resolveOriginal';
import { exclusionOf } from './workloadFacts';

function replicaKindOf(
  workload: Workload,
): AutoscalerBounds['target']['kind'] | undefined {
  const { kind } = workload;
  return kind === 'Deployment' || kind === 'StatefulSet' ? kind : undefined;
}

/**
 * The HPAs a scale must stay within: those of the Deployments and
 * StatefulSets it sets (not excluded, not stopped by the team), each with the
 * minReplicas it runs with once awake (while asleep, the recorded original
 * that the scale, like a wake, restores) and its maxReplicas.
 */
export function autoscalerBounds(
  workloads: readonly Workload[],
  storedOriginals: ReadonlyMap<string, number>,
): AutoscalerBounds[] {
  const scaled = new Map(
    workloads.flatMap(w => {
      const kind = replicaKindOf(w);
      return kind && !exclusionOf(w) && !isOffByTeam(w, storedOriginals)
        ? [[refKey(kind, w.name), { kind, name: w.name }] as const]
        : [];
    }),
  );
  return workloads.flatMap(hpa => {
    if (hpa.kind !== 'HorizontalPodAutoscaler' || exclusionOf(hpa)) return [];
    const target =
      hpa.target && scaled.get(refKey(hpa.target.kind, hpa.target.name));
    if (!target || hpa.maxReplicas === undefined) return [];
    return [
      {
        name: hpa.name,
        target,
        minReplicas: resolveOriginal(hpa, storedOriginals) ?? hpa.level,
        maxReplicas: hpa.maxReplicas,
      },
    ];
  });
}
