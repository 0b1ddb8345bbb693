import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import {
  Activity,
  ActivitySource,
  NamespaceState,
  OffHoursStatus,
  sameNamespace,
} from '@namespace-scheduler/backstage-plugin-common';
import { ReactNode, useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { NamespaceLocator, namespaceSchedulerApiRef } from '../../api';
import { formatInstant, SectionError } from '../common';
import { OPERATION_LABELS } from '../NamespaceOperations/operationLabels';
import { SchedulesRead } from '../Schedules';
import { NEXT_CHANGE_DAYS, nextChange, NextChange } from './nextChange';

const TITLE = 'Why, and what next';

/** What made something happen, as the tab names it. */
const SOURCE_LABELS: Record<ActivitySource, string> = {
  manual: 'Manual',
  schedule: 'Schedule',
  'run-now': 'Run now',
  override: 'Override',
  'off-hours-boundary': 'Off-hours limit',
};

const STATE_WORDS: Record<NamespaceState, string> = {
  awake: 'awake',
  asleep: 'asleep',
  partial: 'partly awake',
  unknown: 'in an unknown state',
};

const Source = ({ source }: { source?: ActivitySource }) =>
  source ? (
    <Chip size="small" variant="outlined" label={SOURCE_LABELS[source]} />
  ) : null;

/** One line of the card: a label, then what it says. */
const Line = ({ label, children }: { label: string; children: ReactNode }) => (
  <Box display="flex" flexWrap="wrap" alignItems="center" style={{ gap: 8 }}>
    <Typography variant="subtitle2" component="span">
      {label}
    </Typography>
    {children}
  </Box>
);

/** The latest record's why; records written before reasons were kept say what and who. */
function describeLatest(activity: Activity): string {
  const why =
    activity.reason ??
    `${OPERATION_LABELS[activity.operation].action} by ${
      activity.requested_by
    }`;
  return activity.outcome === 'failed' ? `${why} (failed)` : why;
}

const Now = ({
  state,
  latest,
}: {
  state: NamespaceState;
  latest?: Activity;
}) => (
  <Line label={`Now ${STATE_WORDS[state]}:`}>
    {latest ? (
      <>
        <Typography component="span">{describeLatest(latest)}</Typography>
        <Source source={latest.source} />
        <Typography component="span" color="textSecondary">
          {formatInstant(latest.timestamp_start)}
        </Typography>
      </>
    ) : (
      <Typography component="span">
        No operation recorded yet: it is as its workloads were deployed.
      </Typography>
    )}
  </Line>
);

function describeNext(next: NextChange): string {
  const action =
    next.operation === 'scale'
      ? `Scale to ${next.replicas}`
      : OPERATION_LABELS[next.operation].action;
  return `${action} at ${formatInstant(next.at)}: ${next.reason}`;
}

const Next = ({
  next,
  state,
}: {
  next?: NextChange;
  state: NamespaceState;
}) => (
  <Line label="Next:">
    {next ? (
      <>
        <Typography component="span">{describeNext(next)}</Typography>
        <Source source={next.source} />
      </>
    ) : (
      <Typography component="span">
        Nothing planned in the next {NEXT_CHANGE_DAYS} days: it stays{' '}
        {STATE_WORDS[state]}.
      </Typography>
    )}
  </Line>
);

/**
 * Why the namespace is in its state — its latest activity record's reason
 * and source (which schedule, override, off-hours limit or person, and
 * when) — and what happens next and why, from the same forecast as the
 * week calendar.
 */
export const NamespaceWhy = ({
  target,
  state,
  schedules,
  offHours,
  revision,
}: {
  target: NamespaceLocator;
  /** The live state. */
  state: NamespaceState;
  /** The namespace's schedules, read once for the tab's cards. */
  schedules: SchedulesRead;
  offHours?: OffHoursStatus;
  /** Changes when something changed the namespace: its latest record is read again. */
  revision: number;
}) => {
  const api = useApi(namespaceSchedulerApiRef);
  const { cluster, namespace } = target;
  const latest = useAsyncRetry(async () => {
    const page = await api.listActivities({ cluster, namespace, limit: 1 });
    return page.items[0] ?? null;
  }, [api, cluster, namespace, revision]);
  const read = schedules.value;
  const holdsSlot =
    offHours?.slots.some(slot => sameNamespace(slot, target)) ?? false;
  const next = useMemo(
    () =>
      read &&
      nextChange({
        schedules: read.items,
        state,
        from: read.readAt,
        offHours,
        holdsSlot,
      }),
    [read, state, offHours, holdsSlot],
  );

  return (
    <InfoCard title={TITLE} subheader={`${cluster}/${namespace}`}>
      <div role="region" aria-label={TITLE}>
        {latest.error ? (
          <SectionError
            error={latest.error}
            onRetry={latest.retry}
            what="the latest activity"
          />
        ) : (
          latest.value !== undefined && (
            <Now state={state} latest={latest.value ?? undefined} />
          )
        )}
        {latest.loading && latest.value === undefined && <Progress />}
        {/* Schedules that could not be read show their error in the schedules card. */}
        {read && !schedules.error && <Next next={next} state={state} />}
      </div>
    </InfoCard>
  );
};
