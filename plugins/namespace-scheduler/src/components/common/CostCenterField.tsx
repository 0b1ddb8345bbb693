import { useApi } from '@backstage/core-plugin-api';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  MAX_COST_CENTER_LENGTH,
  NamespaceCostCenter,
} from '@namespace-scheduler/backstage-plugin-common';
import { useEffect, useId } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { NamespaceLocator, namespaceSchedulerApiRef } from '../../api';

/** Why a cost center would be refused before asking; undefined when it is fine. */
export function costCenterProblem(value: string): string | undefined {
  if (value.trim().length === 0) return 'is required';
  if (value.length > MAX_COST_CENTER_LENGTH) {
    return `must be at most ${MAX_COST_CENTER_LENGTH} characters`;
  }
  return undefined;
}

/** Why the user may not charge a cost center the namespace declares. */
function notChargeable(option: NamespaceCostCenter): string | undefined {
  if (option.chargeable) return undefined;
  if (!option.is_authorized) return 'not authorized';
  return `only for ${option.allowed_groups.join(', ')}`;
}

function helperText(
  loading: boolean,
  error: Error | undefined,
  options: NamespaceCostCenter[],
  problem: string | undefined,
): string {
  if (problem) return `Cost center ${problem}`;
  if (loading) return "Loading the namespace's cost centers…";
  if (error) return `Could not load the cost centers: ${error.message}`;
  if (options.length === 0) {
    return 'No entity claiming this namespace declares a cost center (annotation namespace-scheduler/cost-centers)';
  }
  return 'Awake hours are charged to it';
}

/**
 * Picks one of the namespace's valid cost centers; those the user may not
 * charge are shown disabled with the reason. A sole chargeable one is chosen,
 * through `onDefault` when given (a choice the user did not make), else
 * `onChange`.
 */
export const CostCenterField = ({
  target,
  value,
  onChange,
  onDefault = onChange,
  error,
  disabled,
}: {
  target: NamespaceLocator;
  value: string;
  onChange: (value: string) => void;
  onDefault?: (value: string) => void;
  error?: string;
  disabled?: boolean;
}) => {
  const id = useId();
  const api = useApi(namespaceSchedulerApiRef);
  const { cluster, namespace } = target;
  const loaded = useAsync(
    () => api.listNamespaceCostCenters({ cluster, namespace }),
    [api, cluster, namespace],
  );
  const options = loaded.value ?? [];
  const chargeable = options.filter(option => option.chargeable);

  useEffect(() => {
    if (!value && chargeable.length === 1) onDefault(chargeable[0].cost_center);
  }, [value, chargeable, onDefault]);

  // A saved schedule may name a cost center the namespace no longer declares.
  const stale = value && !options.some(o => o.cost_center === value);
  return (
    <TextField
      id={id}
      select
      label="Cost center"
      required
      fullWidth
      margin="normal"
      value={loaded.loading ? '' : value}
      disabled={
        disabled ||
        loaded.loading ||
        Boolean(loaded.error) ||
        options.length === 0
      }
      onChange={event => onChange(event.target.value)}
      error={Boolean(error || loaded.error)}
      helperText={helperText(loaded.loading, loaded.error, options, error)}
    >
      {stale && (
        <MenuItem value={value}>
          {value} (not valid for {namespace})
        </MenuItem>
      )}
      {options.map(option => {
        const reason = notChargeable(option);
        return (
          <MenuItem
            key={option.cost_center}
            value={option.cost_center}
            disabled={Boolean(reason)}
          >
            {option.cost_center}
            {reason && ` (${reason})`}
          </MenuItem>
        );
      })}
    </TextField>
  );
};
