import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { formatInstantLabel } from '@namespace-scheduler/backstage-plugin-common';
import { useId } from 'react';
import {
  deviceTimeZone,
  setDisplayZone,
  useDisplayZone,
} from './browserTimeZone';

/** The browser's zone and UTC first, then every IANA zone the browser knows. */
function zoneOptions(): string[] {
  const first = [deviceTimeZone(), 'UTC'];
  const rest = Intl.supportedValuesOf('timeZone').filter(
    zone => !first.includes(zone),
  );
  return [...new Set(first), ...rest];
}

/** "CET", "GMT-5": how the labels of the times name `zone` now. */
function abbreviation(zone: string): string {
  return formatInstantLabel(Date.now(), zone).split(' ').pop() ?? zone;
}

/**
 * The one zone the page shows every time in, the browser's until the user
 * picks another; kept for the next visit. Schedules keep their own zone
 * where it is part of what they are ("Mon–Fri 08:00–19:00 Europe/Madrid").
 */
export const DisplayZoneSelect = () => {
  const id = useId();
  const zone = useDisplayZone();
  return (
    <Autocomplete
      id={id}
      size="small"
      style={{ width: 300 }}
      options={zoneOptions()}
      value={zone}
      disableClearable
      getOptionLabel={option => `${option} (${abbreviation(option)})`}
      onChange={(_event, picked) => setDisplayZone(picked)}
      renderInput={params => (
        <TextField {...params} label="Times shown in" variant="outlined" />
      )}
    />
  );
};
