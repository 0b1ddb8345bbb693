import { autoscalerProblem } from '@namespace-scheduler/backstage-plugin-common';
import type { Workload } from '../workloads';
import { autoscalerBounds } from './autoscalerBounds';
import type { Intent } from './intent';
import { planWorkload } from './planWorkload';
import type { Change, Decision, PlanContext } from './types';
import { excludedKeys } from './workloadFacts';

export interface NamespacePlan {
  changes: Change[];
  skipped: Extract<Decision, { type: 'skip' }>[];
  context: PlanContext;
}

/** A scale an autoscaler of the namespace would undo: nothing is planned. */
export class ScaleOutOfBoundsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScaleOutOfBoundsError';
  }
}

/**
 * Every workload's decision. A scale to N outside an HPA's bounds (its
 * target would be set to N and the HPA would undo it) throws
 * {@link ScaleOutOfBoundsError}, before anything is written.
 */
export function planNamespace(
  intent: Intent,
  workloads: readonly Workload[],
): NamespacePlan {
  if (intent.operation === 'scale') {
    const problem = autoscalerProblem(
      autoscalerBounds(workloads, intent.storedOriginals),
      intent.replicas,
    );
    if (problem) throw new ScaleOutOfBoundsError(`replicas: ${problem}`);
  }
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
