import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import TextField from '@material-ui/core/TextField';
import {
  Weekday,
  WEEKDAYS,
} from '@namespace-scheduler/backstage-plugin-common';
import { FieldsProps } from './types';

const DAY_LABELS: Record<Weekday, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

/** Awake on some days from one time to another (overnight when `to` ≤ `from`). */
export const WeeklyFields = ({ draft, edit, errors }: FieldsProps) => {
  const toggle = (day: Weekday, on: boolean) =>
    edit({
      days: on
        ? WEEKDAYS.filter(d => d === day || draft.days.includes(d))
        : draft.days.filter(d => d !== day),
    });
  return (
    <>
      <FormControl
        component="fieldset"
        margin="normal"
        error={Boolean(errors.days)}
      >
        <FormLabel component="legend">Days</FormLabel>
        <FormGroup row>
          {WEEKDAYS.map(day => (
            <FormControlLabel
              key={day}
              label={DAY_LABELS[day]}
              control={
                <Checkbox
                  checked={draft.days.includes(day)}
                  onChange={event => toggle(day, event.target.checked)}
                />
              }
            />
          ))}
        </FormGroup>
        {errors.days && <FormHelperText>Days {errors.days}</FormHelperText>}
      </FormControl>
      <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
        <TextField
          id="schedule-from"
          label="Awake from"
          type="time"
          required
          margin="normal"
          value={draft.from}
          onChange={event => edit({ from: event.target.value })}
          error={Boolean(errors.from)}
          helperText={errors.from ? `From ${errors.from}` : undefined}
          InputLabelProps={{ shrink: true }}
        />
        <TextField
          id="schedule-to"
          label="Awake until"
          type="time"
          required
          margin="normal"
          value={draft.to}
          onChange={event => edit({ to: event.target.value })}
          error={Boolean(errors.to)}
          helperText={
            errors.to ? `To ${errors.to}` : 'At or before "from": overnight'
          }
          InputLabelProps={{ shrink: true }}
        />
      </div>
    </>
  );
};
