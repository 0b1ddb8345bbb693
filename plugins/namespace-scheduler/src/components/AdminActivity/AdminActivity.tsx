import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { Activity } from '@namespace-scheduler/backstage-plugin-common';
import { useMemo, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { toServerProblem } from '../../errors';
import { activityColumns } from '../Activity/activityColumns';
import {
  ActivityFilters,
  FILTER_FIELDS,
  filterProblems,
  NO_FILTERS,
  toActivityQuery,
} from '../Activity/activityFilters';
import { ActivityFiltersBar } from '../Activity/ActivityFiltersBar';
import { FilterField } from '../Activity/FilterField';
import { useActivityPages } from '../Activity/useActivityPages';
import { ProblemAlert } from '../common';
import { OperationResultView } from '../NamespaceOperations';
import { CsvExportButton } from './CsvExportButton';

const DEBOUNCE_MS = 400;
const NO_TARGET = { cluster: '', namespace: '' };
const FIELDS = [...FILTER_FIELDS, 'cluster', 'namespace'];

const columns: TableColumn<Activity>[] = [
  activityColumns[0],
  { title: 'Namespace', render: a => `${a.cluster}/${a.namespace}` },
  ...activityColumns.slice(1),
];

function emptyText(valid: boolean, failed: boolean): string {
  if (!valid) return 'Correct the filters to see the activity.';
  if (failed) return 'The activity could not be read.';
  return 'No activity matches these filters.';
}

/** The activity log across every namespace, with all filters, paging and CSV export. */
export const AdminActivity = () => {
  const [target, setTarget] = useState(NO_TARGET);
  const [filters, setFilters] = useState<ActivityFilters>(NO_FILTERS);
  const [applied, setApplied] = useState({ target, filters });
  useDebounce(() => setApplied({ target, filters }), DEBOUNCE_MS, [
    target,
    filters,
  ]);

  const clientErrors = useMemo(
    () => filterProblems(applied.filters),
    [applied],
  );
  const valid = Object.keys(clientErrors).length === 0;
  const query = useMemo(() => {
    if (!valid) return undefined;
    const cluster = applied.target.cluster.trim() || undefined;
    const namespace = applied.target.namespace.trim() || undefined;
    return toActivityQuery({ cluster, namespace }, applied.filters);
  }, [applied, valid]);
  const pages = useActivityPages(query, 0);
  const problem = pages.error
    ? toServerProblem(pages.error, FIELDS)
    : undefined;
  const errors = { ...problem?.fields, ...clientErrors };

  const bindTarget = (name: 'cluster' | 'namespace') => ({
    name,
    value: target[name],
    error: errors[name],
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
        errors={errors}
      />
      <CsvExportButton query={query} />
      <ProblemAlert problem={problem?.error} />
      <Table<Activity>
        isLoading={pages.loading && pages.items.length === 0}
        options={{
          paging: false,
          search: false,
          toolbar: false,
          padding: 'dense',
        }}
        style={{ boxShadow: 'none' }}
        columns={columns}
        data={pages.error ? [] : pages.items}
        emptyContent={
          <Typography style={{ padding: 16 }}>
            {emptyText(valid, Boolean(pages.error))}
          </Typography>
        }
        detailPanel={({ rowData }) => (
          <div style={{ padding: 16 }}>
            <OperationResultView result={rowData.result} />
          </div>
        )}
      />
      {pages.nextCursor && !pages.error && (
        <Button
          style={{ marginTop: 8 }}
          variant="outlined"
          disabled={pages.loading}
          onClick={pages.loadMore}
        >
          Load more
        </Button>
      )}
    </InfoCard>
  );
};
