import {
  Activity,
  OperationType,
} from '@namespace-scheduler/backstage-plugin-common';
import { ActivityQuery, NamespaceLocator } from '../../api';

/** The activity filters as the inputs hold them ('' = any). */
export type ActivityFilters = {
  operation: OperationType | '';
  outcome: Activity['outcome'] | '';
  status: Activity['status'] | '';
  costCenter: string;
  requestedBy: string;
  /** `YYYY-MM-DD`, local days, both included. */
  from: string;
  to: string;
};

export const NO_FILTERS: ActivityFilters = {
  operation: '',
  outcome: '',
  status: '',
  costCenter: '',
  requestedBy: '',
  from: '',
  to: '',
};

export const FILTER_FIELDS = Object.keys(NO_FILTERS);

/** Typing pauses this long before the table asks again. */
export const FILTER_DEBOUNCE_MS = 400;

/** Local midnight of a `YYYY-MM-DD` day, `days` later, as ISO 8601. */
function localMidnight(day: string, days = 0): string {
  const date = new Date(`${day}T00:00`);
  date.setDate(date.getDate() + days);
  return date.toISOString();
}

/** Problems the server would refuse, by filter. */
export function filterProblems(
  filters: ActivityFilters,
): Record<string, string> {
  return filters.from && filters.to && filters.to < filters.from
    ? { to: 'must not be before from' }
    : {};
}

/** The route's query: empty filters left out, days as the instants that bound them. */
export function toActivityQuery(
  target: Partial<NamespaceLocator>,
  filters: ActivityFilters,
): ActivityQuery {
  return {
    ...target,
    operation: filters.operation || undefined,
    outcome: filters.outcome || undefined,
    status: filters.status || undefined,
    costCenter: filters.costCenter.trim() || undefined,
    requestedBy: filters.requestedBy.trim() || undefined,
    from: filters.from ? localMidnight(filters.from) : undefined,
    to: filters.to ? localMidnight(filters.to, 1) : undefined,
  };
}
