import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { formatNamespaceRef } from '@namespace-scheduler/backstage-plugin-common';
import { NamespaceLocator } from '../../api';

/** Picks which of the entity's namespaces the schedules, calendar and activity show. */
export const NamespaceSelect = ({
  namespaces,
  value,
  onChange,
}: {
  namespaces: NamespaceLocator[];
  value: NamespaceLocator;
  onChange: (key: string) => void;
}) => (
  <TextField
    select
    label="Namespace"
    helperText="Schedules, calendar and activity below are for this namespace"
    value={formatNamespaceRef(value)}
    onChange={event => onChange(event.target.value)}
    style={{ minWidth: 240, maxWidth: '100%' }}
  >
    {namespaces.map(target => (
      <MenuItem
        key={formatNamespaceRef(target)}
        value={formatNamespaceRef(target)}
      >
        {formatNamespaceRef(target)}
      </MenuItem>
    ))}
  </TextField>
);
