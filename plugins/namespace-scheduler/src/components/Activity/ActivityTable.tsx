import { Table, TableColumn } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { Activity } from '@namespace-scheduler/backstage-plugin-common';
import { OperationResultView } from '../NamespaceOperations';
import { ActivityPages } from './useActivityPages';

function emptyText(valid: boolean, failed: boolean): string {
  if (!valid) return 'Correct the filters to see the activity.';
  if (failed) return 'The activity could not be read.';
  return 'No activity matches these filters.';
}

/** The pages of activity read so far; a row expands to its result, more load on request. */
export const ActivityTable = ({
  pages,
  columns,
  valid,
}: {
  pages: ActivityPages;
  columns: TableColumn<Activity>[];
  /** False while the filters are wrong: nothing was asked. */
  valid: boolean;
}) => (
  <>
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
    {Boolean(pages.error) && (
      <Button
        style={{ marginTop: 8 }}
        variant="outlined"
        disabled={pages.loading}
        aria-label="Retry reading the activity"
        onClick={pages.retry}
      >
        Retry
      </Button>
    )}
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
  </>
);
