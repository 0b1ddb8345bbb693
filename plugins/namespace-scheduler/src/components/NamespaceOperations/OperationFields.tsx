import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  allowedTargets,
  scaleRangeOf,
} from '@namespace-scheduler/backstage-plugin-common';
import { browserTimeZone, CostCenterField } from '../common';
import { CostEstimateNote } from './CostEstimateNote';
import { OperationTarget } from './types';
import { Autoscalers, OperationForm, startsWorkloads } from './useOperationRun';
import { WaitForReadyField } from './WaitForReadyField';

const HELD_STATE = { wake: 'awake', sleep: 'asleep' } as const;

/** The HPAs a scale must stay within, each with its bounds and target. */
const AutoscalerBoundsNote = ({
  id,
  autoscalers,
}: {
  id: string;
  autoscalers: Autoscalers;
}) => (
  <div id={id}>
    <Typography variant="body2">
      Autoscaled: a scale outside these bounds would be undone, so it is
      refused.
    </Typography>
    <ul style={{ margin: 0 }}>
      {autoscalers.map(hpa => (
        <li key={hpa.name}>
          <Typography variant="body2">
            HorizontalPodAutoscaler {hpa.name}: {hpa.target.kind}{' '}
            {hpa.target.name} from {hpa.minReplicas} to {hpa.maxReplicas}{' '}
            replicas
          </Typography>
        </li>
      ))}
    </ul>
  </div>
);

/** The scale's helper text: the error, else what it scales and, with HPAs, the counts they allow. */
function replicasHelp(error: string | undefined, autoscalers: Autoscalers) {
  if (error) return `Replicas ${error}`;
  const what = 'Every Deployment and StatefulSet is scaled to this many';
  return autoscalers.length > 0
    ? `${what}: ${allowedTargets(autoscalers)}`
    : what;
}

/** The cost center, and the replicas to scale to or how long to hold a wake/sleep. */
export const OperationFields = ({
  target,
  form,
  edit,
  preset,
  errors,
  disabled,
  autoscalers,
}: {
  target: OperationTarget;
  form: OperationForm;
  edit: (change: Partial<OperationForm>) => void;
  /** Fills in a value the user did not choose (the sole cost center). */
  preset: (change: Partial<OperationForm>) => void;
  errors: Record<string, string>;
  disabled: boolean;
  autoscalers: Autoscalers;
}) => {
  const idPrefix = `${target.cluster}-${target.namespace}`;
  const range = scaleRangeOf(autoscalers);
  const boundsId = `${idPrefix}-autoscalers`;
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
        onDefault={costCenter => preset({ costCenter })}
        error={errors.costCenter}
        disabled={disabled}
      />
      {target.operation === 'scale' ? (
        <>
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
            helperText={replicasHelp(errors.replicas, autoscalers)}
            inputProps={{
              min: 0,
              // Only 0 (a sleep) when the HPAs' bounds do not overlap.
              max: range.min <= range.max ? range.max : 0,
              step: 1,
              'aria-describedby': autoscalers.length > 0 ? boundsId : undefined,
            }}
          />
          {autoscalers.length > 0 && (
            <AutoscalerBoundsNote id={boundsId} autoscalers={autoscalers} />
          )}
        </>
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
      {target.operation !== 'sleep' && (
        <CostEstimateNote
          target={target}
          form={form}
          autoscalers={autoscalers}
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
