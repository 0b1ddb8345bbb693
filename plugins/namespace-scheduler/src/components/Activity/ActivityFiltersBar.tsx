import Button from '@material-ui/core/Button';
import { ActivityFilters, NO_FILTERS } from './activityFilters';
import { FilterField, FilterOption } from './FilterField';

const OPERATIONS: FilterOption[] = [
  { value: 'sleep', label: 'Sleep' },
  { value: 'wake', label: 'Wake' },
  { value: 'scale', label: 'Scale' },
];
const OUTCOMES: FilterOption[] = [
  { value: 'succeeded', label: 'Succeeded' },
  { value: 'failed', label: 'Failed' },
];
const STATUSES: FilterOption[] = [
  { value: 'active', label: 'Active (charging)' },
  { value: 'completed', label: 'Completed' },
];

/** The activity table's filters. */
export const ActivityFiltersBar = ({
  filters,
  onChange,
  errors,
}: {
  filters: ActivityFilters;
  onChange: (filters: ActivityFilters) => void;
  errors: Record<string, string>;
}) => {
  const bind = (name: keyof ActivityFilters) => ({
    name,
    value: filters[name],
    error: errors[name],
    onChange: (value: string) => onChange({ ...filters, [name]: value }),
  });
  return (
    <div
      role="group"
      aria-label="Activity filters"
      style={{
        display: 'flex',
        flexWrap: 'wrap',
        gap: 8,
        alignItems: 'center',
      }}
    >
      <FilterField
        {...bind('operation')}
        label="Operation"
        options={OPERATIONS}
      />
      <FilterField {...bind('outcome')} label="Outcome" options={OUTCOMES} />
      <FilterField {...bind('status')} label="Status" options={STATUSES} />
      <FilterField {...bind('costCenter')} label="Cost center" />
      <FilterField
        {...bind('requestedBy')}
        label="Requested by"
        hint="e.g. user:default/alice, or scheduler"
      />
      <FilterField {...bind('from')} label="From" type="date" />
      <FilterField {...bind('to')} label="To" type="date" />
      <Button size="small" onClick={() => onChange(NO_FILTERS)}>
        Clear filters
      </Button>
    </div>
  );
};
