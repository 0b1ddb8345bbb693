import type { ProposedSchedule } from '@namespace-scheduler/backstage-plugin-common';

/** What one object of another tool becomes here: schedules, and what does not carry over. */
export type Mapping = { proposed: ProposedSchedule[]; notes: string[] };

/** Annotations as `key: value` lines, for showing them as found. */
export function annotationLines(annotations: Record<string, string>): string {
  return Object.entries(annotations)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}: ${value}`)
    .join('\n');
}
