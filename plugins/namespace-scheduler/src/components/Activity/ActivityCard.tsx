import { InfoCard } from '@backstage/core-components';
import { useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { ProblemAlert } from '../common';
import { activityColumns } from './activityColumns';
import {
  ActivityFilters,
  FILTER_DEBOUNCE_MS,
  FILTER_FIELDS,
  NO_FILTERS,
} from './activityFilters';
import { ActivityFiltersBar } from './ActivityFiltersBar';
import { ActivityTable } from './ActivityTable';
import { useActivitySearch } from './useActivitySearch';
import { formatNamespaceRef } from '@namespace-scheduler/backstage-plugin-common';

/** The activity log of one namespace, filtered, newest first; a row expands to its result. */
export const ActivityCard = ({
  cluster,
  namespace,
  revision,
}: {
  cluster: string;
  namespace: string;
  /** Changes when an operation ran: the log is read again. */
  revision: number;
}) => {
  const [filters, setFilters] = useState<ActivityFilters>(NO_FILTERS);
  const [applied, setApplied] = useState<ActivityFilters>(NO_FILTERS);
  useDebounce(() => setApplied(filters), FILTER_DEBOUNCE_MS, [filters]);
  const search = useActivitySearch(
    { cluster, namespace },
    applied,
    revision,
    FILTER_FIELDS,
  );

  return (
    <InfoCard
      title="Activity"
      subheader={`${formatNamespaceRef({
        cluster,
        namespace,
      })}, newest first`}
    >
      <ActivityFiltersBar
        filters={filters}
        onChange={setFilters}
        errors={search.errors}
      />
      <ProblemAlert problem={search.problem} />
      <ActivityTable
        pages={search.pages}
        columns={activityColumns}
        valid={search.valid}
      />
    </InfoCard>
  );
};
