import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { OperationResult } from '@namespace-scheduler/backstage-plugin-common';
import { ChangeTable } from './ChangeTable';
import { OPERATION_LABELS } from './operationLabels';
import { changeColumns, failedColumns, skippedColumns } from './resultColumns';
import { WarningsNotice } from './ResultNotices';

/** A dry run's plan: what would change, from → to, and what is left alone. */
export const OperationPlan = ({ plan }: { plan: OperationResult }) => {
  const { action } = OPERATION_LABELS[plan.operation];
  const count = plan.scaled_resources.length;
  return (
    <>
      {plan.success ? (
        <Typography>
          {count === 0
            ? `Nothing would change: every workload of ${plan.namespace} is already there.`
            : `${action} would change ${count} workload(s) of ${plan.namespace}. Nothing has changed yet.`}
        </Typography>
      ) : (
        <Alert severity="error">
          The dry run failed, so this operation would fail too.
          {plan.errors.map(error => (
            <div key={error}>{error}</div>
          ))}
        </Alert>
      )}
      <WarningsNotice result={plan} />
      <ChangeTable
        title="Would change"
        rows={plan.scaled_resources}
        columns={changeColumns}
      />
      <ChangeTable
        title="Would fail"
        rows={plan.failed_resources}
        columns={failedColumns}
      />
      <ChangeTable
        title="Left alone (skipped or excluded)"
        rows={plan.skipped_resources}
        columns={skippedColumns}
      />
    </>
  );
};
