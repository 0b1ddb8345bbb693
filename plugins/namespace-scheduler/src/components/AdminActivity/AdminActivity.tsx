import { InfoCard, TableColumn } from '@backstage/core-components';
import {
  Activity,
  formatNamespaceRef,
} from '@namespace-scheduler/backstage-plugin-common';
import { useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { activityColumns } from '../Activity/activityColumns';
import {
  ActivityFilters,
  FILTER_DEBOUNCE_MS,
  FILTER_FIELDS,
  NO_FILTERS,
} from '../Activity/activityFilters';
import { ActivityFiltersBar } from '../Activity/ActivityFiltersBar';
import { ActivityTable } from '../Activity/ActivityTable';
import { FilterField } from '../Activity/FilterField';
import { useActivitySearch } from '../Activity/useActivitySearch';
import { ProblemAlert } from '../common';
import { CsvExportButton } from './CsvExportButton';

const NO_TARGET = { cluster: '', namespace: '' };
const FIELDS = [...FILTER_FIELDS, 'cluster', 'namespace'];

const columns: TableColumn<Activity>[] = [
  activityColumns[0],
  { title: 'Namespace', render: a => formatNamespaceRef(a) },
  ...activityColumns.slice(1),
];

/** The activity log across every namespace, with all filters, paging and CSV export. */
export const AdminActivity = () => {
  const [target, setTarget] = useState(NO_TARGET);
  const [filters, setFilters] = useState<ActivityFilters>(NO_FILTERS);
  const [applied, setApplied] = useState({ target, filters });
  useDebounce(() => setApplied({ target, filters }), FILTER_DEBOUNCE_MS, [
    target,
    filters,
  ]);
  const search = useActivitySearch(
    {
      cluster: applied.target.cluster.trim() || undefined,
      namespace: applied.target.namespace.trim() || undefined,
    },
    applied.filters,
    0,
    FIELDS,
  );

  const bindTarget = (name: 'cluster' | 'namespace') => ({
    name,
    value: target[name],
    error: search.errors[name],
    onChange: (value: string) => setTarget({ ...target, [name]: value }),
  });

  return (
    <InfoCard title="Activity" subheader="Every namespace, newest first">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        <FilterField {...bindTarget('cluster')} label="Cluster" />
        <FilterField {...bindTarget('namespace')} label="Namespace" />
      </div>
      <ActivityFiltersBar
        filters={filters}
        onChange={setFilters}
        errors={search.errors}
      />
      <CsvExportButton query={search.query} />
      <ProblemAlert problem={search.problem} />
      <ActivityTable
        pages={search.pages}
        columns={columns}
        valid={search.valid}
      />
    </InfoCard>
  );
};
