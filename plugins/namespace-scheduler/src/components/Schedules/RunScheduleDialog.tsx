import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import LinearProgress from '@material-ui/core/LinearProgress';
import {
  OperationResult,
  operationNow,
  Schedule,
} from '@namespace-scheduler/backstage-plugin-common';
import { useState } from 'react';
import { namespaceSchedulerApiRef } from '../../api';
import { ServerProblem, toServerProblem } from '../../errors';
import { CancelAndConfirm, ProblemAlert } from '../common';
import {
  EndedOverrideNotice,
  OperationResultView,
} from '../NamespaceOperations';

/** What "run now" does to the namespace, by kind (common's operationNow). */
function whatItDoes(schedule: Schedule): string {
  switch (schedule.kind) {
    case 'cron':
      return schedule.operation === 'scale'
        ? `scale ${schedule.namespace} to ${schedule.replicas ?? 0}`
        : `${schedule.operation} ${schedule.namespace}`;
    case 'override':
      return `${schedule.operation} ${schedule.namespace}`;
    default:
      return `wake ${schedule.namespace} if the schedule wants it awake now, else sleep it`;
  }
}

/** Asks before running a schedule now, then shows what the run did. */
export const RunScheduleDialog = ({
  schedule,
  schedules,
  onClose,
  onRan,
}: {
  schedule: Schedule;
  /** The namespace's schedules: the override a run would end is among them. */
  schedules: Schedule[];
  onClose: () => void;
  onRan: () => void;
}) => {
  const api = useApi(namespaceSchedulerApiRef);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ServerProblem['error']>();
  const [result, setResult] = useState<OperationResult>();

  const run = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      setResult((await api.runSchedule(schedule.id)).result);
      onRan();
    } catch (error) {
      setProblem(toServerProblem(error, []).error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onClose={busy ? undefined : onClose}
      fullWidth
      maxWidth="md"
      aria-labelledby="run-schedule-title"
    >
      <DialogTitle id="run-schedule-title">
        Run "{schedule.title}" now?
      </DialogTitle>
      {busy && <LinearProgress aria-label="Running" />}
      <DialogContent>
        <ProblemAlert problem={problem} />
        {result ? (
          <OperationResultView result={result} />
        ) : (
          <>
            <EndedOverrideNotice
              schedules={schedules}
              target={schedule}
              operation={operationNow(schedule, Date.now()).operation}
              scheduleId={schedule.id}
            />
            <DialogContentText>
              This will {whatItDoes(schedule)} at once, charged to{' '}
              {schedule.cost_center}. The run is recorded in the schedule's
              history; its next scheduled run stays as it is.
            </DialogContentText>
          </>
        )}
      </DialogContent>
      <DialogActions>
        {result ? (
          <Button color="primary" variant="contained" onClick={onClose}>
            Close
          </Button>
        ) : (
          <CancelAndConfirm busy={busy} onCancel={onClose} onConfirm={run}>
            Run now
          </CancelAndConfirm>
        )}
      </DialogActions>
    </Dialog>
  );
};
