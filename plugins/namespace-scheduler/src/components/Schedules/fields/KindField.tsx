import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { ScheduleKind } from '@namespace-scheduler/backstage-plugin-common';

const KINDS: Record<ScheduleKind, string> = {
  weekly: 'Weekly window: awake on some days and hours',
  cron: 'Cron task: one operation on a cron schedule',
  window: 'One-off window: awake from a start to an end',
  override: 'Override: hold awake or asleep from now',
};

/** Which kind of schedule; fixed once saved (the server refuses a change). */
export const KindField = ({
  value,
  onChange,
  disabled,
  error,
}: {
  value: ScheduleKind;
  onChange: (kind: ScheduleKind) => void;
  disabled: boolean;
  error?: string;
}) => (
  <TextField
    id="schedule-kind"
    select
    label="Kind"
    fullWidth
    margin="normal"
    value={value}
    disabled={disabled}
    onChange={event => onChange(event.target.value as ScheduleKind)}
    error={Boolean(error)}
    helperText={
      error ? `Kind ${error}` : disabled && 'A saved schedule keeps its kind'
    }
  >
    {Object.entries(KINDS).map(([kind, label]) => (
      <MenuItem key={kind} value={kind}>
        {label}
      </MenuItem>
    ))}
  </TextField>
);
