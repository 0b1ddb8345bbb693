import { InfoCard, Table } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { Activity } from '@namespace-scheduler/backstage-plugin-common';
import { useMemo, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { toServerProblem } from '../../errors';
import { ProblemAlert } from '../common';
import { OperationResultView } from '../NamespaceOperations';
import { activityColumns } from './activityColumns';
import {
  ActivityFilters,
  FILTER_FIELDS,
  filterProblems,
  NO_FILTERS,
  toActivityQuery,
} from './activityFilters';
import { ActivityFiltersBar } from './ActivityFiltersBar';
import { useActivityPages } from './useActivityPages';

/** Typing pauses this long before the table asks again. */
const DEBOUNCE_MS = 400;

function emptyText(valid: boolean, failed: boolean): string {
  if (!valid) return 'Correct the filters to see the activity.';
  if (failed) return 'The activity could not be read.';
  return 'No activity matches these filters.';
}

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
  useDebounce(() => setApplied(filters), DEBOUNCE_MS, [filters]);

  const clientErrors = useMemo(() => filterProblems(applied), [applied]);
  const valid = Object.keys(clientErrors).length === 0;
  const query = useMemo(
    () =>
      valid ? toActivityQuery({ cluster, namespace }, applied) : undefined,
    [cluster, namespace, applied, valid],
  );
  const pages = useActivityPages(query, revision);
  const problem = pages.error
    ? toServerProblem(pages.error, FILTER_FIELDS)
    : undefined;

  return (
    <InfoCard
      title="Activity"
      subheader={`${cluster}/${namespace}, newest first`}
    >
      <ActivityFiltersBar
        filters={filters}
        onChange={setFilters}
        errors={{ ...problem?.fields, ...clientErrors }}
      />
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
        columns={activityColumns}
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
