import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  formatNamespaceRef,
  OperationResult,
} from '@namespace-scheduler/backstage-plugin-common';
import { ChangeTable } from './ChangeTable';
import { OPERATION_LABELS } from './operationLabels';
import {
  changeColumns,
  failedColumns,
  rollbackColumns,
  skippedColumns,
} from './resultColumns';
import { ReadinessNotice, RepairNotice, WarningsNotice } from './ResultNotices';

function rollbackSummary(result: OperationResult): string {
  if (!result.rollback_performed) return 'No rollback was performed.';
  const lost = result.rollback_failed_count;
  const leftAlone = result.rollback_results.filter(
    r => r.status === 'left_alone',
  ).length;
  return `Changes were rolled back: ${result.rollback_success_count} restored${
    leftAlone
      ? `, ${leftAlone} left alone (changed by someone else meanwhile)`
      : ''
  }${lost ? `, ${lost} could NOT be restored` : ''}.`;
}

/**
 * What an operation did: changes, failures, rollback and errors per workload,
 * a pending repair first, then warnings and how many of the workloads it
 * started are ready.
 */
export const OperationResultView = ({
  result,
}: {
  result: OperationResult;
}) => {
  const { action, done } = OPERATION_LABELS[result.operation];
  const where = formatNamespaceRef(result);
  return (
    <>
      {result.repair_pending && <RepairNotice />}
      {result.success ? (
        <Alert severity="success">
          <AlertTitle>
            {done} {where}
          </AlertTitle>
          {result.total_scaled} workload(s) changed.
        </Alert>
      ) : (
        <Alert severity="error">
          <AlertTitle>
            {action} of {where} failed
          </AlertTitle>
          {result.total_failed} workload(s) failed. {rollbackSummary(result)}
          {result.errors.map(error => (
            <div key={error}>{error}</div>
          ))}
        </Alert>
      )}
      <WarningsNotice result={result} />
      <ReadinessNotice readiness={result.readiness} />
      <ChangeTable
        title="Changed"
        rows={result.scaled_resources}
        columns={changeColumns}
      />
      <ChangeTable
        title="Failed"
        rows={result.failed_resources}
        columns={failedColumns}
      />
      <ChangeTable
        title="Rolled back"
        rows={result.rollback_results}
        columns={rollbackColumns}
      />
      <ChangeTable
        title="Not attempted"
        rows={result.not_attempted ?? []}
        columns={[]}
      />
      <ChangeTable
        title="Skipped"
        rows={result.skipped_resources}
        columns={skippedColumns}
      />
    </>
  );
};
