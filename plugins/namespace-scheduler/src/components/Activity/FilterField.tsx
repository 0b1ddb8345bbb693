import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';

export type FilterOption = { value: string; label: string };

/** One activity filter: a text or date input, or a select with "Any" when given options. */
export const FilterField = ({
  name,
  label,
  value,
  onChange,
  error,
  options,
  type = 'text',
  hint,
}: {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  options?: FilterOption[];
  type?: 'text' | 'date';
  hint?: string;
}) => (
  <TextField
    id={`activity-filter-${name}`}
    label={label}
    value={value}
    select={Boolean(options)}
    type={options ? undefined : type}
    size="small"
    margin="dense"
    style={{ minWidth: 140 }}
    onChange={event => onChange(event.target.value)}
    error={Boolean(error)}
    helperText={error ? `${label} ${error}` : hint}
    InputLabelProps={type === 'date' ? { shrink: true } : undefined}
  >
    {options && <MenuItem value="">Any</MenuItem>}
    {options?.map(option => (
      <MenuItem key={option.value} value={option.value}>
        {option.label}
      </MenuItem>
    ))}
  </TextField>
);
