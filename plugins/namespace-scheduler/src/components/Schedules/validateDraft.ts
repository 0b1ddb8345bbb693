import {
  ScheduleInput,
  validateScheduleInput,
} from '@namespace-scheduler/backstage-plugin-common';
import { NamespaceLocator } from '../../api';
import { inputOf, ScheduleDraft } from './scheduleDraft';

export type DraftCheck = {
  /** The first problem of each field (`except_dates.2` counts as `except_dates`). */
  issues: Record<string, string>;
  /** The normalized schedule to send, when valid. */
  schedule?: ScheduleInput;
  /** The normalized timing, when it alone is valid: enough to list next runs. */
  timing?: ScheduleInput;
};

/** What a cron task without an operation is told. */
export const OPERATION_REQUIRED = 'is required: choose wake, sleep or scale';

/**
 * Checks a draft with the server's own validation. The timing is also checked
 * with a filled-in title and cost center: the validation stops at missing
 * basics, and the cron, dates and next runs deserve feedback while typing.
 */
export function validateDraft(
  draft: ScheduleDraft,
  target: NamespaceLocator,
  now: number,
): DraftCheck {
  const { operation } = draft;
  if (operation === '') {
    // Only a cron task has an operation, and none is chosen for the user: the
    // rest is checked, but the task is not sent and lists no next runs yet.
    const rest = validateDraft({ ...draft, operation: 'sleep' }, target, now);
    if (draft.kind !== 'cron') return rest;
    return { issues: { ...rest.issues, operation: OPERATION_REQUIRED } };
  }
  const input = inputOf({ ...draft, operation }, target);
  const full = validateScheduleInput(input, { now });
  const timingOnly = validateScheduleInput(
    { ...input, title: 'timing', cost_center: 'timing' },
    { now },
  );
  const issues: Record<string, string> = {};
  for (const result of [full, timingOnly]) {
    if (result.success) continue;
    for (const issue of result.issues) {
      issues[issue.field.split('.')[0]] ??= issue.message;
    }
  }
  return {
    issues,
    schedule: full.success ? full.schedule : undefined,
    timing: timingOnly.success ? timingOnly.schedule : undefined,
  };
}
