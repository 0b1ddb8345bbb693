import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useId } from 'react';

/** Every IANA zone the browser knows; UTC is not always among them. */
const ZONES = [
  'UTC',
  ...Intl.supportedValuesOf('timeZone').filter(zone => zone !== 'UTC'),
];

/** Picks the IANA time zone a schedule's times are in. */
export const TimeZoneField = ({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (zone: string) => void;
  error?: string;
}) => {
  const id = useId();
  return (
    <Autocomplete
      id={id}
      options={ZONES}
      value={value}
      disableClearable
      onChange={(_event, zone) => onChange(zone)}
      renderInput={params => (
        <TextField
          {...params}
          label="Time zone"
          required
          margin="normal"
          error={Boolean(error)}
          helperText={
            error
              ? `Time zone ${error}`
              : 'Times of this schedule are in this zone'
          }
        />
      )}
    />
  );
};
