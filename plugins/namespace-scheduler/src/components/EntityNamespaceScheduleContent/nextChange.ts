import {
  forecast,
  NamespaceState,
  OffHoursStatus,
  PreviewTransition,
  Schedule,
} from '@namespace-scheduler/backstage-plugin-common';

/** How far ahead the tab looks for the next change. */
export const NEXT_CHANGE_DAYS = 7;

/** The next time the namespace changes state on its own, and why. */
export type NextChange = {
  at: number;
  operation: PreviewTransition['operation'];
  replicas?: number;
  source?: PreviewTransition['source'];
  /** `weekly schedule "Office hours"`, `off-hours start: no off-hours slot`. */
  reason: string;
};

/**
 * The first change of state the forecast predicts — the planner the
 * calendar shows and the runner follows: a schedule's transition (one an
 * override holds back does not count) or the off-hours boundary's sleep.
 * Undefined when nothing changes in the next `NEXT_CHANGE_DAYS` days.
 */
export function nextChange(options: {
  schedules: Schedule[];
  state: NamespaceState;
  from: number;
  offHours?: OffHoursStatus;
  holdsSlot: boolean;
}): NextChange | undefined {
  const { segments, transitions } = forecast({
    ...options,
    to: options.from + NEXT_CHANGE_DAYS * 86_400_000,
  });
  const changed = segments.find(
    (segment, i) => i > 0 && segment.awake !== segments[i - 1].awake,
  );
  if (!changed) return undefined;
  const cause = transitions.find(
    t => Date.parse(t.at) === changed.start && !t.suppressed_by,
  );
  return {
    at: changed.start,
    operation: cause?.operation ?? (changed.awake ? 'wake' : 'sleep'),
    ...(cause?.replicas !== undefined && { replicas: cause.replicas }),
    ...(cause?.source && { source: cause.source }),
    reason: cause?.reason ?? changed.reason,
  };
}
