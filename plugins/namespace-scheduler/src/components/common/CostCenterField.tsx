import TextField from '@material-ui/core/TextField';
import { useId } from 'react';

/** The server's limit on a cost center (OpenAPI OperationRequest, ScheduleInput). */
export const MAX_COST_CENTER_LENGTH = 100;

/** Why a cost center would be refused; undefined when it is fine. */
export function costCenterProblem(value: string): string | undefined {
  if (value.trim().length === 0) return 'is required';
  if (value.length > MAX_COST_CENTER_LENGTH) {
    return `must be at most ${MAX_COST_CENTER_LENGTH} characters`;
  }
  return undefined;
}

/**
 * The cost center an operation or schedule is charged to. A free field until
 * the backend lists a namespace's valid cost centers; the server checks it.
 */
export const CostCenterField = ({
  value,
  onChange,
  error,
  disabled,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  disabled?: boolean;
}) => {
  const id = useId();
  return (
    <TextField
      id={id}
      label="Cost center"
      required
      fullWidth
      margin="normal"
      value={value}
      disabled={disabled}
      onChange={event => onChange(event.target.value)}
      error={Boolean(error)}
      helperText={
        error
          ? `Cost center ${error}`
          : 'Awake hours are charged to it, e.g. CC-1001'
      }
      inputProps={{ maxLength: MAX_COST_CENTER_LENGTH + 1 }}
    />
  );
};
