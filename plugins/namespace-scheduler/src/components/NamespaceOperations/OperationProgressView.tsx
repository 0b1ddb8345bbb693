import LinearProgress from '@material-ui/core/LinearProgress';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  NamespaceStatus,
  OperationProgressSignal,
} from '@namespace-scheduler/backstage-plugin-common';
import { CompactTable, StatusText } from '../common';
import { formatReplicas } from './operationLabels';
import { OperationProgress } from './useOperationProgress';
import { formatWait, WAIT_FOR_READY_SECONDS } from './waitForReady';

const WAITING = `waiting until they are ready (up to ${formatWait(
  WAIT_FOR_READY_SECONDS,
)})…`;

const STEP_STATUS = {
  scaled: 'ok',
  skipped: 'aborted',
  failed: 'error',
  'rolled-back': 'warning',
  'rollback-failed': 'error',
} as const;

function describeStep(signal: OperationProgressSignal): string {
  const to = formatReplicas(signal.kind, signal.to_replicas);
  switch (signal.step) {
    case 'scaled':
      return `Scaled: ${formatReplicas(
        signal.kind,
        signal.from_replicas,
      )} → ${to}`;
    case 'rolled-back':
      return `Rolled back to ${to}`;
    case 'skipped':
      return 'Skipped: nothing left to do';
    case 'failed':
      return `Failed: ${signal.error ?? 'unknown error'}`;
    default:
      return `Rollback failed: ${signal.error ?? 'unknown error'}`;
  }
}

function summary(
  progress: OperationProgress,
  running: boolean,
  waitingForReady: boolean,
): string {
  const { done, total } = progress;
  if (total === undefined) {
    return running
      ? 'Waiting for the first workload…'
      : 'No workload reported.';
  }
  const started = running && waitingForReady && done === total;
  return `${done} of ${total} workload(s) done${started ? `; ${WAITING}` : ''}`;
}

/** Each workload's step as signalled live, with how many are done. */
const LiveProgress = ({
  progress,
  running,
  waitingForReady,
}: {
  progress: OperationProgress;
  running: boolean;
  waitingForReady: boolean;
}) => {
  const { done, total } = progress;
  const percent = total ? ((done ?? 0) / total) * 100 : 0;
  return (
    <>
      <Typography variant="subtitle2" component="h3" role="status">
        Progress: {summary(progress, running, waitingForReady)}
      </Typography>
      <LinearProgress
        variant={
          total === undefined && running ? 'indeterminate' : 'determinate'
        }
        value={percent}
        aria-label="Workloads done"
      />
      {progress.workloads.length > 0 && (
        <CompactTable
          label="Progress per workload"
          headings={['Kind', 'Name', 'Step']}
        >
          {progress.workloads.map(signal => (
            <TableRow key={`${signal.kind}/${signal.name}`}>
              <TableCell>{signal.kind}</TableCell>
              <TableCell>{signal.name}</TableCell>
              <TableCell>
                <StatusText status={STEP_STATUS[signal.step]}>
                  {describeStep(signal)}
                </StatusText>
              </TableCell>
            </TableRow>
          ))}
        </CompactTable>
      )}
    </>
  );
};

/** Without signals: the namespace's state as last read while the operation runs. */
const PolledProgress = ({ progress }: { progress: OperationProgress }) => {
  const { status, pollError } = progress;
  return (
    <>
      <Typography variant="subtitle2" component="h3">
        Live steps are unavailable in this portal; the namespace's state is read
        every second instead.
      </Typography>
      {pollError && (
        <Typography color="error" role="alert">
          Could not read the namespace's state: {pollError.message}
        </Typography>
      )}
      {status && (
        <Typography role="status">{describeStatus(status)}</Typography>
      )}
    </>
  );
};

/** "shop-dev is awake: 5 awake, 0 asleep, 1 off (stopped by the team) of 6 workload(s); 3 of 5 ready." */
function describeStatus({
  namespace,
  state,
  counts,
  readiness,
}: NamespaceStatus) {
  const off = counts.off ? `, ${counts.off} off (stopped by the team)` : '';
  const ready =
    readiness && readiness.total > 0
      ? ` ${readiness.ready} of ${readiness.total} ready.`
      : '';
  return `${namespace} is ${state}: ${counts.awake} awake, ${counts.asleep} asleep${off} of ${counts.total} workload(s).${ready}`;
}

/** An operation's progress: live per workload with signals, else the polled state. */
export const OperationProgressView = ({
  progress,
  running,
  waitingForReady = false,
}: {
  progress: OperationProgress;
  running: boolean;
  /** The run ends once what it started is ready (or the wait is over). */
  waitingForReady?: boolean;
}) => (
  <div style={{ marginTop: 16 }}>
    {progress.live ? (
      <LiveProgress
        progress={progress}
        running={running}
        waitingForReady={waitingForReady}
      />
    ) : (
      running && <PolledProgress progress={progress} />
    )}
  </div>
);
