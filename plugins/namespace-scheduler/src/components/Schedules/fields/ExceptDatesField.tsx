import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import FormHelperText from '@material-ui/core/FormHelperText';
import TextField from '@material-ui/core/TextField';
import CancelIcon from '@material-ui/icons/Cancel';
import { useId, useState } from 'react';

/** Days (holidays) on which the schedule does nothing. */
export const ExceptDatesField = ({
  value,
  onChange,
  error,
}: {
  value: string[];
  onChange: (dates: string[]) => void;
  error?: string;
}) => {
  const id = useId();
  const [date, setDate] = useState('');
  const add = () => {
    if (date && !value.includes(date)) onChange([...value, date].sort());
    setDate('');
  };
  return (
    <div style={{ marginTop: 16 }}>
      <div
        style={{
          display: 'flex',
          alignItems: 'flex-end',
          gap: 8,
          flexWrap: 'wrap',
        }}
      >
        <TextField
          id={id}
          label="Exception date"
          type="date"
          value={date}
          onChange={event => setDate(event.target.value)}
          InputLabelProps={{ shrink: true }}
        />
        <Button size="small" variant="outlined" onClick={add} disabled={!date}>
          Add exception
        </Button>
      </div>
      <div aria-label="Exception dates" role="list" style={{ marginTop: 8 }}>
        {value.map(day => (
          <Chip
            key={day}
            role="listitem"
            label={day}
            size="small"
            style={{ margin: 2 }}
            onDelete={() => onChange(value.filter(d => d !== day))}
            deleteIcon={<CancelIcon titleAccess={`Remove ${day}`} />}
          />
        ))}
      </div>
      <FormHelperText error={Boolean(error)}>
        {error
          ? `Exception dates ${error}`
          : 'The schedule does nothing on these days (local to its zone)'}
      </FormHelperText>
    </div>
  );
};
