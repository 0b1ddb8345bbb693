import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { ActivityQuery, namespaceSchedulerApiRef } from '../../api';
import { toServerProblem } from '../../errors';
import { ProblemAlert } from '../common';
import {
  CSV_EXPORT_CAP,
  downloadText,
  fetchAllActivities,
  toCsv,
} from './activityCsv';

/**
 * Downloads every activity matching the filters as CSV, reading all pages
 * up to CSV_EXPORT_CAP records, and says so when there were more.
 */
export const CsvExportButton = ({
  query,
}: {
  query: ActivityQuery | undefined;
}) => {
  const api = useApi(namespaceSchedulerApiRef);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<unknown>();

  const exportCsv = async () => {
    if (!query) return;
    setBusy(true);
    setError(undefined);
    setMessage(undefined);
    try {
      const { items, truncated } = await fetchAllActivities(api, query);
      downloadText(toCsv(items), 'namespace-activity.csv', 'text/csv');
      setMessage(
        truncated
          ? `Exported the newest ${CSV_EXPORT_CAP} records only; narrow the filters for the rest.`
          : `Exported ${items.length} records.`,
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ margin: '8px 0' }}>
      <Button variant="outlined" disabled={!query || busy} onClick={exportCsv}>
        {busy ? 'Exporting…' : 'Export CSV'}
      </Button>
      {message && (
        <Typography
          variant="body2"
          role="status"
          component="span"
          style={{ marginLeft: 8 }}
        >
          {message}
        </Typography>
      )}
      {error !== undefined && (
        <ProblemAlert problem={toServerProblem(error, []).error} />
      )}
    </div>
  );
};
