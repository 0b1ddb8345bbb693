import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { MAX_SCALE_REPLICAS } from '@namespace-scheduler/backstage-plugin-common';
import { browserTimeZone, CostCenterField } from '../common';
import { OperationTarget } from './types';
import { OperationForm, startsWorkloads } from './useOperationRun';
import { WaitForReadyField } from './WaitForReadyField';

const HELD_STATE = { wake: 'awake', sleep: 'asleep' } as const;

/** The cost center, and the replicas to scale to or how long to hold a wake/sleep. */
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
}) => {
  const idPrefix = `${target.cluster}-${target.namespace}`;
  return (
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
      {target.operation === 'scale' ? (
        <TextField
          id={`${idPrefix}-replicas`}
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
          inputProps={{ min: 0, max: MAX_SCALE_REPLICAS, step: 1 }}
        />
      ) : (
        <TextField
          id={`${idPrefix}-until`}
          label="Until (optional)"
          type="datetime-local"
          fullWidth
          margin="normal"
          value={form.until}
          disabled={disabled}
          onChange={event => edit({ until: event.target.value })}
          error={Boolean(errors.until)}
          helperText={
            errors.until
              ? `Until ${errors.until}`
              : `Keep ${target.namespace} ${
                  HELD_STATE[target.operation]
                } until then (${browserTimeZone()}): an override schedule suspends its other schedules meanwhile`
          }
          InputLabelProps={{ shrink: true }}
        />
      )}
      {startsWorkloads(target, form) && (
        <WaitForReadyField
          id={`${idPrefix}-wait`}
          checked={form.waitForReady}
          onChange={waitForReady => edit({ waitForReady })}
          disabled={disabled}
        />
      )}
    </>
  );
};
