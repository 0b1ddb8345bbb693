import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { MAX_SCALE_REPLICAS } from '@namespace-scheduler/backstage-plugin-common';
import { describeCron } from '../describeCron';
import { FieldsProps } from './types';

/** One operation whenever a cron expression matches. */
export const CronFields = ({ draft, edit, errors }: FieldsProps) => (
  <>
    <TextField
      id="schedule-cron"
      label="Cron expression"
      required
      fullWidth
      margin="normal"
      value={draft.cron}
      onChange={event => edit({ cron: event.target.value })}
      error={Boolean(errors.cron)}
      helperText={
        errors.cron
          ? `Cron ${errors.cron}`
          : describeCron(draft.cron) ??
            'minute hour day-of-month month day-of-week'
      }
      inputProps={{ spellCheck: false }}
    />
    <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
      <TextField
        id="schedule-operation"
        select
        label="Operation"
        margin="normal"
        required
        style={{ minWidth: 200 }}
        value={draft.operation}
        onChange={event =>
          edit({ operation: event.target.value as typeof draft.operation })
        }
        error={Boolean(errors.operation)}
        helperText={
          errors.operation
            ? `Operation ${errors.operation}`
            : 'What the task does when the cron matches'
        }
      >
        <MenuItem value="wake">Wake</MenuItem>
        <MenuItem value="sleep">Sleep</MenuItem>
        <MenuItem value="scale">Scale</MenuItem>
      </TextField>
      {draft.operation === 'scale' && (
        <TextField
          id="schedule-replicas"
          label="Replicas"
          type="number"
          required
          margin="normal"
          value={draft.replicas}
          onChange={event => edit({ replicas: event.target.value })}
          error={Boolean(errors.replicas)}
          helperText={
            errors.replicas
              ? `Replicas ${errors.replicas}`
              : `0 to ${MAX_SCALE_REPLICAS}`
          }
          inputProps={{ min: 0, max: MAX_SCALE_REPLICAS, step: 1 }}
        />
      )}
    </div>
  </>
);
