import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  formatNamespaceRef,
  OffHoursPlan,
  OffHoursSlot,
} from '@namespace-scheduler/backstage-plugin-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { namespaceSchedulerApiRef } from '../../api';
import { formatInstant } from '../common';
import { UsageBar } from './UsageBar';

type Period = OffHoursPlan['upcoming'][number];

const slotColumns: TableColumn<OffHoursSlot>[] = [
  { title: 'Slot', field: 'slot' },
  { title: 'Namespace', render: s => formatNamespaceRef(s) },
  { title: 'Cost center', field: 'cost_center' },
  { title: 'Requested by', field: 'requested_by' },
  { title: 'Since', render: s => formatInstant(s.acquired_at) },
];

/** Scopes to show: those in use, or the global one when none is. */
function scopesOf(used: Record<string, number>): string[] {
  const scopes = Object.keys(used);
  return scopes.length ? scopes : ['global'];
}

function periodColumns(limit: number): TableColumn<Period>[] {
  return [
    {
      title: 'Off-hours period',
      render: p => `${formatInstant(p.start)} – ${formatInstant(p.end)}`,
    },
    {
      title: 'Most awake at once',
      render: p => (
        <>
          {scopesOf(p.peak).map(scope => (
            <UsageBar
              key={scope}
              label={scope}
              used={p.peak[scope] ?? 0}
              limit={limit}
            />
          ))}
        </>
      ),
    },
    {
      title: 'Kept awake by schedules',
      render: p => p.namespaces.map(formatNamespaceRef).join(', ') || 'none',
    },
  ];
}

function nowText(plan: OffHoursPlan): string {
  if (plan.off_hours) return 'Off-hours now: the limit applies.';
  const next = plan.period
    ? ` Next off-hours from ${formatInstant(plan.period.start)}.`
    : '';
  return `Business hours now: no limit applies.${next}`;
}

/** The off-hours slots held now and those schedules will use this week, against the limit. */
export const OffHoursSlots = () => {
  const api = useApi(namespaceSchedulerApiRef);
  const {
    value: plan,
    loading,
    error,
  } = useAsyncRetry(() => api.getOffHoursSlots(7), [api]);
  if (loading && !plan) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!plan) return null;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title="Off-hours slots now"
          subheader={`At most ${plan.limit} namespaces awake outside business hours (${plan.scope} limit)`}
        >
          <Typography paragraph>{nowText(plan)}</Typography>
          {scopesOf(plan.used).map(scope => (
            <UsageBar
              key={scope}
              label={scope}
              used={plan.used[scope] ?? 0}
              limit={plan.limit}
            />
          ))}
          <Table<OffHoursSlot>
            title={`Slots held (${plan.slots.length})`}
            options={{ paging: false, search: false, padding: 'dense' }}
            columns={slotColumns}
            data={plan.slots}
            emptyContent={
              <Typography style={{ padding: 16 }}>
                No namespace holds an off-hours slot.
              </Typography>
            }
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <Table<Period>
          title="The coming week"
          subtitle="Each off-hours period, the most namespaces schedules keep awake at once, against the limit"
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={periodColumns(plan.limit)}
          data={plan.upcoming}
          emptyContent={
            <Typography style={{ padding: 16 }}>
              No off-hours period in the coming week.
            </Typography>
          }
        />
      </Grid>
    </Grid>
  );
};
