import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Theme } from '@material-ui/core/styles';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import {
  Schedule,
  ScheduleRun,
} from '@namespace-scheduler/backstage-plugin-common';
import useAsync from 'react-use/esm/useAsync';
import { namespaceSchedulerApiRef } from '../../api';
import { CompactTable, formatInstant, StatusText } from '../common';

/** The latest runs shown. */
const RUNS_LIMIT = 50;

const RUN_STATUS = {
  succeeded: 'ok',
  failed: 'error',
  skipped: 'aborted',
  missed: 'warning',
  claimed: 'pending',
} as const;

const STATUS_LABELS: Record<ScheduleRun['status'], string> = {
  succeeded: 'Succeeded',
  failed: 'Failed',
  skipped: 'Skipped',
  missed: 'Missed',
  claimed: 'Running',
};

function summary(run: ScheduleRun): string {
  const what = run.operation ?? 'nothing';
  const by =
    run.trigger === 'manual' ? `run now by ${run.claimed_by}` : 'on schedule';
  return `${what}, ${by}${run.message ? `: ${run.message}` : ''}`;
}

const RunsTable = ({ runs }: { runs: ScheduleRun[] }) => (
  <CompactTable label="Runs" headings={['Ran', 'Due', 'Status', 'Result']}>
    {runs.map(run => (
      <TableRow key={run.id}>
        <TableCell>
          {formatInstant(run.finished_at ?? run.claimed_at)}
        </TableCell>
        <TableCell>{formatInstant(run.due_at)}</TableCell>
        <TableCell>
          <StatusText status={RUN_STATUS[run.status]}>
            {STATUS_LABELS[run.status]}
          </StatusText>
        </TableCell>
        <TableCell>{summary(run)}</TableCell>
      </TableRow>
    ))}
  </CompactTable>
);

/** A schedule's runs, newest first: executed, failed, skipped and missed. */
export const ScheduleRunsDialog = ({
  schedule,
  onClose,
}: {
  schedule: Schedule;
  onClose: () => void;
}) => {
  const api = useApi(namespaceSchedulerApiRef);
  const fullScreen = useMediaQuery((theme: Theme) =>
    theme.breakpoints.down('xs'),
  );
  const { value, loading, error } = useAsync(
    () => api.listScheduleRuns(schedule.id, RUNS_LIMIT),
    [api, schedule.id],
  );

  const renderBody = () => {
    if (loading) return <Progress />;
    if (error) return <ResponseErrorPanel error={error} />;
    if (!value?.length) return <Typography>No runs yet.</Typography>;
    return <RunsTable runs={value} />;
  };

  return (
    <Dialog
      open
      onClose={onClose}
      fullWidth
      maxWidth="md"
      fullScreen={fullScreen}
      aria-labelledby="schedule-runs-title"
    >
      <DialogTitle id="schedule-runs-title">
        Runs of "{schedule.title}"{' '}
        <Typography variant="caption" component="span">
          (newest first)
        </Typography>
      </DialogTitle>
      <DialogContent>{renderBody()}</DialogContent>
      <DialogActions>
        <Button color="primary" onClick={onClose}>
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
};
