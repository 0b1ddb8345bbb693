import TextField from '@material-ui/core/TextField';

/** A local date and time in the schedule's zone. */
export const DateTimeField = ({
  id,
  label,
  value,
  onChange,
  error,
  helperText,
  required,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  helperText?: string;
  required?: boolean;
}) => (
  <TextField
    id={id}
    label={label}
    type="datetime-local"
    required={required}
    margin="normal"
    value={value}
    onChange={event => onChange(event.target.value)}
    error={Boolean(error)}
    helperText={error ? `${label} ${error}` : helperText}
    InputLabelProps={{ shrink: true }}
  />
);
