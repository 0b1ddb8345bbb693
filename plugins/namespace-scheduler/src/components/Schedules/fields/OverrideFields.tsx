import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { DateTimeField } from './DateTimeField';
import { FieldsProps } from './types';

/** Wake or sleep at once and hold it, optionally until a time. */
export const OverrideFields = ({ draft, edit, errors }: FieldsProps) => (
  <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
    <TextField
      id="schedule-hold"
      select
      label="Hold"
      margin="normal"
      style={{ minWidth: 160 }}
      value={draft.hold}
      onChange={event =>
        edit({ hold: event.target.value as typeof draft.hold })
      }
      error={Boolean(errors.operation)}
      helperText={
        errors.operation
          ? `Operation ${errors.operation}`
          : 'Acts as soon as it is saved'
      }
    >
      <MenuItem value="wake">Awake</MenuItem>
      <MenuItem value="sleep">Asleep</MenuItem>
    </TextField>
    <DateTimeField
      id="schedule-until"
      label="Until"
      value={draft.until}
      onChange={until => edit({ until })}
      error={errors.until}
      helperText="Empty: until the override is deleted"
    />
  </div>
);
