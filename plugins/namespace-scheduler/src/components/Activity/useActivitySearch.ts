import { useMemo } from 'react';
import { NamespaceLocator } from '../../api';
import { toServerProblem } from '../../errors';
import {
  ActivityFilters,
  filterProblems,
  toActivityQuery,
} from './activityFilters';
import { useActivityPages } from './useActivityPages';

/**
 * The activity in `target` matching `filters`. Filters the server would
 * refuse are caught before asking; what the server refuses anyway is shown
 * next to the one of `fields` it names.
 */
export function useActivitySearch(
  target: Partial<NamespaceLocator>,
  filters: ActivityFilters,
  revision: number,
  fields: string[],
) {
  const { cluster, namespace } = target;
  const clientErrors = useMemo(() => filterProblems(filters), [filters]);
  const valid = Object.keys(clientErrors).length === 0;
  const query = useMemo(
    () =>
      valid ? toActivityQuery({ cluster, namespace }, filters) : undefined,
    [cluster, namespace, filters, valid],
  );
  const pages = useActivityPages(query, revision);
  const problem = pages.error
    ? toServerProblem(pages.error, fields)
    : undefined;
  return {
    query,
    pages,
    valid,
    problem: problem?.error,
    errors: { ...problem?.fields, ...clientErrors },
  };
}
