import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { CostCenterField } from '../common';
import { OperationTarget } from './types';
import { MAX_MANUAL_REPLICAS, OperationForm } from './useOperationRun';

/** The cost center (and, to scale, the replica count) of an operation. */
export const OperationFields = ({
  target,
  form,
  edit,
  errors,
  disabled,
}: {
  target: OperationTarget;
  form: OperationForm;
  edit: (change: Partial<OperationForm>) => void;
  errors: Record<string, string>;
  disabled: boolean;
}) => (
  <>
    <Typography>
      A dry run shows what would change first; nothing changes until you
      confirm.
    </Typography>
    <CostCenterField
      target={target}
      value={form.costCenter}
      onChange={costCenter => edit({ costCenter })}
      error={errors.costCenter}
      disabled={disabled}
    />
    {target.operation === 'scale' && (
      <TextField
        id={`${target.cluster}-${target.namespace}-replicas`}
        label="Replicas"
        type="number"
        required
        fullWidth
        margin="normal"
        value={form.replicas}
        disabled={disabled}
        onChange={event => edit({ replicas: event.target.value })}
        error={Boolean(errors.replicas)}
        helperText={
          errors.replicas
            ? `Replicas ${errors.replicas}`
            : 'Every Deployment and StatefulSet is scaled to this many'
        }
        inputProps={{ min: 0, max: MAX_MANUAL_REPLICAS, step: 1 }}
      />
    )}
  </>
);
