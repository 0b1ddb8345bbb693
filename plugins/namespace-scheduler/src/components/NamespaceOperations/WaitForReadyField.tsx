import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import { formatWait, WAIT_FOR_READY_SECONDS } from './waitForReady';

/** Whether a wake or scale up ends only once what it started is ready. */
export const WaitForReadyField = ({
  id,
  checked,
  onChange,
  disabled,
}: {
  id: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled: boolean;
}) => (
  <div style={{ marginTop: 8 }}>
    <FormControlLabel
      control={
        <Checkbox
          id={id}
          color="primary"
          checked={checked}
          disabled={disabled}
          onChange={event => onChange(event.target.checked)}
          inputProps={{ 'aria-describedby': `${id}-help` }}
        />
      }
      label={`Wait until ready (up to ${formatWait(WAIT_FOR_READY_SECONDS)})`}
    />
    <FormHelperText id={`${id}-help`}>
      {checked
        ? `The operation ends once every Deployment and StatefulSet it starts has all replicas ready, or after ${formatWait(
            WAIT_FOR_READY_SECONDS,
          )}; what is not ready by then is reported, not undone.`
        : 'The operation ends once the cluster accepts the new replica counts; the namespace shows "Waking" until they are ready.'}
    </FormHelperText>
  </div>
);
