import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { normalizeTimeZone } from '@namespace-scheduler/backstage-plugin-common';
import { useEffect, useId, useState } from 'react';

/** Every IANA zone the browser knows; UTC is not always among them. */
const ZONES = [
  'UTC',
  ...Intl.supportedValuesOf('timeZone').filter(zone => zone !== 'UTC'),
];

/**
 * Picks the IANA time zone a schedule's times are in. A typed name counts as
 * much as a picked suggestion: it is taken when the field loses focus (Tab,
 * a click elsewhere) or on Enter, in its canonical spelling when it is a
 * zone, as typed otherwise, so that the form shows the error and does not
 * save, instead of silently keeping the previous zone.
 */
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
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);

  const commit = (typed: string) => {
    const zone = typed.trim();
    const taken = normalizeTimeZone(zone) ?? zone;
    setText(taken);
    if (taken !== value) onChange(taken);
  };
  const unknown =
    value.trim() && !normalizeTimeZone(value.trim())
      ? `is not a known IANA time zone ("${value}")`
      : undefined;
  const problem = unknown ?? error;

  return (
    <Autocomplete
      id={id}
      freeSolo
      options={ZONES}
      value={value}
      inputValue={text}
      onInputChange={(_event, typed) => setText(typed)}
      disableClearable
      onChange={(_event, zone) => commit(zone)}
      renderInput={params => (
        <TextField
          {...params}
          label="Time zone"
          required
          margin="normal"
          onBlur={() => commit(text)}
          error={Boolean(problem)}
          helperText={
            problem
              ? `Time zone ${problem}`
              : 'Times of this schedule are in this zone, e.g. Europe/Madrid'
          }
        />
      )}
    />
  );
};
