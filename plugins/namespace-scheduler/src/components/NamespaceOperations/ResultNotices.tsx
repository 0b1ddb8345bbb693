import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  OperationReadiness,
  OperationResult,
} from '@namespace-scheduler/backstage-plugin-common';

/*
 * Warnings and readiness are role="note" (MUI's Alert is role="alert"): they
 * sit beside the result's one alert, and announcing each would drown it.
 */
const SPACED = { marginTop: 16 };

/** The rollback could not finish: the scheduler completes it later. */
export const RepairNotice = () => (
  <Alert severity="error" style={{ marginBottom: 16 }}>
    <AlertTitle>Marked for repair</AlertTitle>
    The cluster stopped answering before every change could be undone. The
    scheduler restores the rest when the cluster answers again; until then,
    operations on this namespace are refused.
  </Alert>
);

/**
 * The engine's warning about a wait that ended before everything was ready
 * (buildResult's `warningsOf`): the readiness notice says it, with details.
 */
const isReadinessWarning = (warning: string) =>
  warning.includes('ready when the wait ended');

/** Things worth knowing that did not fail the operation. */
export const WarningsNotice = ({ result }: { result: OperationResult }) => {
  const warnings = (result.warnings ?? []).filter(
    warning => !(result.readiness?.timed_out && isReadinessWarning(warning)),
  );
  if (warnings.length === 0) return null;
  return (
    <Alert severity="warning" role="note" style={SPACED}>
      <AlertTitle>Warnings</AlertTitle>
      {warnings.map(warning => (
        <div key={warning}>{warning}</div>
      ))}
    </Alert>
  );
};

/** "Deployment web (0/2 ready), StatefulSet redis (0/1 ready)" */
function notReady(readiness: OperationReadiness): string {
  return readiness.workloads
    .filter(w => w.ready_replicas < w.replicas)
    .map(w => `${w.type} ${w.name} (${w.ready_replicas}/${w.replicas} ready)`)
    .join(', ');
}

/** How many of the workloads a wake or scale up started are ready. */
export const ReadinessNotice = ({
  readiness,
}: {
  readiness?: OperationReadiness;
}) => {
  if (!readiness || readiness.total === 0) return null;
  const { ready, total } = readiness;
  if (ready >= total) {
    return (
      <Alert severity="success" role="note" style={SPACED}>
        {ready} of {total} workloads ready.
      </Alert>
    );
  }
  if (readiness.timed_out) {
    return (
      <Alert severity="warning" role="note" style={SPACED}>
        <AlertTitle>Not ready in time</AlertTitle>
        {ready} of {total} ready when the wait ended: {notReady(readiness)}.
        Nothing was undone: they keep starting, and the namespace shows "Waking"
        until they are ready.
      </Alert>
    );
  }
  return (
    <Alert severity="info" role="note" style={SPACED}>
      {ready} of {total} workloads ready so far; still starting:{' '}
      {notReady(readiness)}. The namespace shows "Waking" until they are ready.
    </Alert>
  );
};
