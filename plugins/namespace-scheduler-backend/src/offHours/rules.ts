import { BusinessHours } from './BusinessHours';
import { OffHoursSettings } from './config';

/** The off-hours limit as the guards, planner and runner apply it. */
export type OffHoursRules = {
  limit: number;
  scope: OffHoursSettings['scope'];
  hours: BusinessHours;
};

export function createRules(settings: OffHoursSettings): OffHoursRules {
  return {
    limit: settings.limit,
    scope: settings.scope,
    hours: BusinessHours.create(settings.businessHours),
  };
}

/** The slots a namespace competes for: `global`, or `cluster:<name>`. */
export function scopeKey(rules: OffHoursRules, cluster: string): string {
  return rules.scope === 'global' ? 'global' : `cluster:${cluster}`;
}

/** `in cluster prod` or `across all clusters`. */
export function describeScope(scope: string): string {
  return scope === 'global'
    ? 'across all clusters'
    : `in ${scope.replace(':', ' ')}`;
}
