import { ADAPTERS, Workload, WorkloadState } from '../workloads';
import { isReplicaKind } from '../workloads/readiness';
import { directionOf, Intent, refKey } from './intent';
import { isOffByTeam, resolveOriginal } from './resolveOriginal';
import type { Decision, PlanContext } from './types';
import {
  exclusionOf,
  hasMarker,
  phaseOf,
  recordedOriginal,
} from './workloadFacts';

/** Why a workload stopped before the scheduler touched it stays stopped. */
export const OFF_BY_TEAM =
  'stopped before the scheduler put it to sleep (no original recorded): left as the team set it';

const NO_STORED_ORIGINALS: ReadonlyMap<string, number> = new Map();

/** Decides what the operation does to one workload, from its live state. */
export function planWorkload(
  intent: Intent,
  workload: Workload,
  context: PlanContext,
): Decision {
  const hold = holdReason(intent, workload, context);
  if (hold) {
    return { type: 'skip', workload, reason: hold };
  }
  const to =
    directionOf(intent) === 'down'
      ? sleepState(workload)
      : wakeState(intent, workload);
  if (!to) {
    const reason =
      directionOf(intent) === 'down' ? 'already asleep' : 'already awake';
    return { type: 'skip', workload, reason };
  }
  const from = currentState(workload);
  return {
    type: 'change',
    change: { workload, phase: phaseOf(workload), from, to },
  };
}

export function currentState(workload: Workload): WorkloadState {
  const marker = workload.annotations[ADAPTERS[workload.kind].markerAnnotation];
  return { level: workload.level, marker: marker ?? null };
}

function holdReason(
  intent: Intent,
  workload: Workload,
  context: PlanContext,
): string | undefined {
  const exclusion = exclusionOf(workload);
  if (exclusion) {
    return `excluded by ${exclusion}`;
  }
  const target = workload.target;
  if (target && context.excluded.has(refKey(target.kind, target.name))) {
    return `its target ${target.kind}/${target.name} is excluded`;
  }
  if (isOffByTeam(workload, storedOriginalsOf(intent))) {
    return OFF_BY_TEAM;
  }
  return workload.leaveAlone;
}

function storedOriginalsOf(intent: Intent): ReadonlyMap<string, number> {
  return intent.operation === 'sleep'
    ? NO_STORED_ORIGINALS
    : intent.storedOriginals;
}

/**
 * Stopped, with the original recorded. An existing valid record is kept, so a
 * second sleep (or a sleep after drift) never overwrites the original.
 */
function sleepState(workload: Workload): WorkloadState | undefined {
  const adapter = ADAPTERS[workload.kind];
  const level = adapter.sleepLevel(workload);
  if (workload.level <= level) {
    return undefined;
  }
  const recorded = recordedOriginal(workload);
  return { level, marker: adapter.encode(recorded ?? workload.level) };
}

/**
 * Running at the original (or, for scale, the asked-for replicas), with no
 * record left. Workloads off by the team never get here (holdReason).
 */
function wakeState(
  intent: Intent,
  workload: Workload,
): WorkloadState | undefined {
  if (intent.operation === 'sleep') {
    return undefined;
  }
  const scaled = intent.operation === 'scale' && isReplicaKind(workload);
  const level = scaled
    ? intent.replicas
    : resolveOriginal(workload, intent.storedOriginals) ?? workload.level;
  const stopped =
    workload.kind !== 'HorizontalPodAutoscaler' && workload.level === 0;
  const pending =
    hasMarker(workload) || stopped || (scaled && workload.level !== level);
  return pending ? { level, marker: null } : undefined;
}
