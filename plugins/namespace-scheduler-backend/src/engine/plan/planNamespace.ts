import type { Workload } from '../workloads';
import type { Intent } from './intent';
import { planWorkload } from './planWorkload';
import type { Change, Decision, PlanContext } from './types';
import { excludedKeys } from './workloadFacts';

export interface NamespacePlan {
  changes: Change[];
  skipped: Extract<Decision, { type: 'skip' }>[];
  context: PlanContext;
}

export function planNamespace(
  intent: Intent,
  workloads: readonly Workload[],
): NamespacePlan {
  const context: PlanContext = { excluded: excludedKeys(workloads) };
  const decisions = workloads.map(workload =>
    planWorkload(intent, workload, context),
  );
  return {
    changes: decisions.flatMap(d => (d.type === 'change' ? [d.change] : [])),
    skipped: decisions.flatMap(d => (d.type === 'skip' ? [d] : [])),
    context,
  };
}
