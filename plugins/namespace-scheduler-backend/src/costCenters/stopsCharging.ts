import {
  NamespaceChange,
  putsToSleep,
  ScheduleInput,
} from '@namespace-scheduler/backstage-plugin-common';

/**
 * Sleeping, or scaling to zero, stops a namespace's charges. Such operations
 * need a cost center valid for the namespace (the record names whom the
 * saving belongs to) but not an authorized one: a team whose cost center was
 * revoked, and the runner at the start of off-hours, must still be able to
 * stop spending.
 */
export function stopsCharging(action: NamespaceChange): boolean {
  return putsToSleep(action);
}

/** A schedule whose every run stops charges: a cron task or an override that only sleeps. */
export function scheduleStopsCharging(input: ScheduleInput): boolean {
  return (
    (input.kind === 'cron' || input.kind === 'override') && stopsCharging(input)
  );
}
