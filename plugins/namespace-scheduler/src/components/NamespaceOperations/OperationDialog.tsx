import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import LinearProgress from '@material-ui/core/LinearProgress';
import { Theme } from '@material-ui/core/styles';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { CancelAndConfirm, ProblemAlert, useDiscardGuard } from '../common';
import { NamespaceOverrideNotice } from './EndedOverrideNotice';
import { OperationFields } from './OperationFields';
import { OPERATION_LABELS } from './operationLabels';
import { HeldNotice } from './HeldNotice';
import { OperationPlan } from './OperationPlan';
import { OperationProgressView } from './OperationProgressView';
import { OperationResultView } from './OperationResultView';
import { OperationTarget } from './types';
import {
  Autoscalers,
  NO_AUTOSCALERS,
  useOperationRun,
} from './useOperationRun';
import { formatNamespaceRef } from '@namespace-scheduler/backstage-plugin-common';

/**
 * Sleep, wake or scale one namespace: the form, a dry-run plan to confirm,
 * then the result. Mount it per request so each starts afresh.
 */
export const OperationDialog = ({
  target,
  autoscalers = NO_AUTOSCALERS,
  onClose,
  onCompleted,
}: {
  target: OperationTarget;
  /** The namespace's HPAs that bound a scale (its status's `autoscalers`). */
  autoscalers?: Autoscalers;
  onClose: () => void;
  onCompleted: () => void;
}) => {
  const fullScreen = useMediaQuery((theme: Theme) =>
    theme.breakpoints.down('xs'),
  );
  const run = useOperationRun(target, onCompleted, autoscalers);
  const { action } = OPERATION_LABELS[target.operation];
  const title = `${action} ${target.namespace}${
    target.operation === 'scale' ? '' : ' now'
  }`;
  const { step, busy } = run;
  const { dismiss, prompt } = useDiscardGuard(run.changed, onClose);

  return (
    <Dialog
      open
      onClose={busy ? undefined : dismiss}
      fullWidth
      maxWidth="md"
      fullScreen={fullScreen}
      aria-labelledby="operation-dialog-title"
    >
      <DialogTitle id="operation-dialog-title">
        {title} <small>({formatNamespaceRef(target)})</small>
      </DialogTitle>
      {busy && <LinearProgress aria-label="Working" />}
      <DialogContent>
        <ProblemAlert problem={run.problem} />
        {(step.name === 'form' || step.name === 'preview') && (
          <NamespaceOverrideNotice
            target={target}
            operation={target.operation}
            holds={target.operation !== 'scale' && Boolean(run.form.until)}
          />
        )}
        {step.name === 'form' && (
          <OperationFields
            target={target}
            form={run.form}
            edit={run.edit}
            preset={run.preset}
            errors={run.fieldErrors}
            disabled={busy}
            autoscalers={autoscalers}
          />
        )}
        {step.name === 'preview' && <OperationPlan plan={step.plan} />}
        {(step.name === 'running' || step.name === 'result') && (
          <OperationProgressView
            progress={run.progress}
            running={step.name === 'running'}
            waitingForReady={run.waitingForReady}
          />
        )}
        {step.name === 'result' && (
          <>
            {step.schedule && <HeldNotice schedule={step.schedule} />}
            <OperationResultView result={step.result} />
          </>
        )}
      </DialogContent>
      <DialogActions>
        {step.name === 'form' && (
          <CancelAndConfirm
            busy={busy}
            onCancel={onClose}
            onConfirm={run.preview}
          >
            Preview changes
          </CancelAndConfirm>
        )}
        {(step.name === 'preview' || step.name === 'running') && (
          <>
            <Button onClick={run.back} disabled={busy}>
              Back
            </Button>
            <Button
              color="primary"
              variant="contained"
              onClick={run.confirm}
              disabled={busy || step.name === 'running' || !step.plan.success}
            >
              Confirm {action.toLowerCase()}
            </Button>
          </>
        )}
        {step.name === 'result' && (
          <Button color="primary" variant="contained" onClick={onClose}>
            Close
          </Button>
        )}
      </DialogActions>
      {prompt}
    </Dialog>
  );
};
