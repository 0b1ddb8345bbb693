import { InfoCard, Progress } from '@backstage/core-components';
import { useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  AwakeHoursDay,
  UnrecordedAwake,
} from '@namespace-scheduler/backstage-plugin-common';
import { CSSProperties } from 'react';
import { Bar } from 'recharts';
import {
  BarChartFigure,
  browserTimeZone,
  formatInstant,
  SectionError,
} from '../common';
import { CostSummary } from './CostSummary';
import { formatHours, formatTick, hourTicks } from './hoursScale';
import { useAwakeHours } from './useAwakeHours';

const DAYS = 14;

/** Hidden on screen, read by assistive technology. */
const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
};

function namespaceKeys(days: AwakeHoursDay[]): string[] {
  return [...new Set(days.flatMap(day => Object.keys(day.namespaces)))].sort();
}

/** The chart's numbers as a table for screen readers. */
const HoursTable = ({
  days,
  keys,
}: {
  days: AwakeHoursDay[];
  keys: string[];
}) => (
  <table style={visuallyHidden}>
    <caption>Awake hours per day, last {DAYS} days</caption>
    <thead>
      <tr>
        <th scope="col">Day</th>
        <th scope="col">Total</th>
        {keys.map(key => (
          <th key={key} scope="col">
            {key}
          </th>
        ))}
      </tr>
    </thead>
    <tbody>
      {days.map(day => (
        <tr key={day.date}>
          <th scope="row">{day.date}</th>
          <td>{formatHours(day.hours)}</td>
          {keys.map(key => (
            <td key={key}>{formatHours(day.namespaces[key] ?? 0)}</td>
          ))}
        </tr>
      ))}
    </tbody>
  </table>
);

const HoursChart = ({
  days,
  keys,
}: {
  days: AwakeHoursDay[];
  keys: string[];
}) => {
  const theme = useTheme();
  const colors = [
    theme.palette.primary.main,
    theme.palette.secondary.main,
    theme.palette.success.main,
    theme.palette.warning.main,
    theme.palette.info.main,
  ];
  const total = days.reduce((sum, day) => sum + day.hours, 0);
  const ticks = hourTicks(Math.max(...days.map(day => day.hours)));
  const data = days.map(day => ({
    date: day.date.slice(5),
    ...day.namespaces,
  }));
  return (
    <BarChartFigure
      label={`Awake hours per day over the last ${DAYS} days: ${formatHours(
        total,
      )} in total`}
      height={260}
      data={data}
      xKey="date"
      yAxis={{
        ticks,
        domain: [0, ticks[ticks.length - 1]],
        tickFormatter: formatTick,
        width: 64,
      }}
      format={formatHours}
      bars={keys.map((key, index) => (
        <Bar
          key={key}
          dataKey={key}
          name={key}
          stackId="hours"
          fill={colors[index % colors.length]}
        />
      ))}
    >
      <HoursTable days={days} keys={keys} />
    </BarChartFigure>
  );
};

const BASIS = {
  'period-start': 'the start of the period: no wake was recorded in it',
  'last-activity':
    'its last recorded operation, since which it was woken outside the scheduler',
} as const;

/** Which namespaces are counted from their live state, and from when. */
const UnrecordedNote = ({ unrecorded }: { unrecorded: UnrecordedAwake[] }) => {
  const zone = browserTimeZone();
  return (
    <>
      {unrecorded.map(u => (
        <Typography key={u.namespace} variant="body2" color="textSecondary">
          {u.namespace} is awake now with no wake recorded: counted as awake
          since {formatInstant(u.since, zone)} ({BASIS[u.basis]}).
        </Typography>
      ))}
    </>
  );
};

/**
 * Awake hours per day of the entity's namespaces: from the activity log, up
 * to now, and for a namespace awake now without a recorded wake, from its
 * live state (the backend says since when, and the card says so).
 */
export const AwakeHoursCard = ({
  entityRef,
  revision,
}: {
  entityRef: string;
  /** Changes when an operation ran: the hours are computed again. */
  revision: number;
}) => {
  const { value, loading, error, retry } = useAwakeHours(
    entityRef,
    DAYS,
    revision,
  );
  const renderBody = () => {
    if (loading && !value) return <Progress />;
    if (error) {
      return (
        <SectionError error={error} onRetry={retry} what="the awake hours" />
      );
    }
    const days = value?.items ?? [];
    const keys = namespaceKeys(days);
    const cost = value?.cost && <CostSummary cost={value.cost} />;
    if (keys.length === 0) {
      return (
        <>
          <Typography>
            No namespace was awake in the last {DAYS} days.
          </Typography>
          {cost}
        </>
      );
    }
    return (
      <>
        <HoursChart days={days} keys={keys} />
        <UnrecordedNote unrecorded={value?.unrecorded ?? []} />
        {cost}
      </>
    );
  };
  return (
    <InfoCard
      title="Awake hours"
      subheader={`Per day, last ${DAYS} days, up to now: from the activity log and the live state`}
    >
      {renderBody()}
    </InfoCard>
  );
};
