import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { formatNamespaceRef } from '@namespace-scheduler/backstage-plugin-common';
import { useId } from 'react';
import { NamespaceLocator } from '../../api';

/**
 * Picks which of the entity's namespaces the schedules, calendar and activity
 * show. The id ties the label to the select button (its accessible name).
 */
export const NamespaceSelect = ({
  namespaces,
  value,
  onChange,
}: {
  namespaces: NamespaceLocator[];
  value: NamespaceLocator;
  onChange: (key: string) => void;
}) => {
  const id = useId();
  return (
    <TextField
      id={id}
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
};
