import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { PreviewTransition } from '@namespace-scheduler/backstage-plugin-common';
import { CalendarDay, DaySegment } from './calendarDays';
import { formatDay, formatTime } from './formatTime';

const useStyles = makeStyles(theme => ({
  track: {
    position: 'relative',
    height: 192,
    borderRadius: 4,
    border: `1px solid ${theme.palette.divider}`,
    // Faint lines every six hours.
    backgroundImage: `linear-gradient(to bottom, ${theme.palette.divider} 1px, transparent 1px)`,
    backgroundSize: '100% 25%',
  },
  segment: {
    position: 'absolute',
    minHeight: 2,
  },
  // Narrower than the track, so the off-hours band shows on both sides of it.
  awake: {
    left: '25%',
    right: '25%',
    borderRadius: 3,
    background: theme.palette.success.main,
  },
  offHours: {
    left: 0,
    right: 0,
    background: theme.palette.action.selected,
  },
  boundarySleep: {
    position: 'absolute',
    left: 0,
    right: 0,
    borderTop: `2px dashed ${theme.palette.error.main}`,
  },
}));

/** `HH:mm–HH:mm` of a segment; a segment ending at the day's end ends at 24:00. */
function span(segment: DaySegment, day: CalendarDay, zone: string): string {
  const end = segment.end === day.end ? '24:00' : formatTime(segment.end, zone);
  return `${formatTime(segment.start, zone)}–${end}`;
}

/** `sleep 20:00 (off-hours start: no off-hours slot)` */
function sleepLabel(sleep: PreviewTransition, zone: string): string {
  return `sleep ${formatTime(Date.parse(sleep.at), zone)} (${sleep.reason})`;
}

/**
 * One day of the calendar on a midnight-to-midnight track: off-hours bands,
 * the predicted awake segments over them, and the off-hours limit's sleeps.
 */
export const DayColumn = ({
  day,
  offHours,
  boundarySleeps,
  zone,
}: {
  day: CalendarDay;
  offHours: DaySegment[];
  /** The off-hours boundary's sleeps on this day. */
  boundarySleeps: PreviewTransition[];
  zone: string;
}) => {
  const classes = useStyles();
  const label = formatDay(day.start, zone);
  const awake = day.segments.map(s => span(s, day, zone));
  const off = offHours.map(s => span(s, day, zone));
  const sleeps = boundarySleeps.map(s => sleepLabel(s, zone));
  const description = [
    awake.length ? `awake ${awake.join(', ')}` : 'asleep',
    ...(off.length ? [`off-hours ${off.join(', ')}`] : []),
    ...sleeps,
  ].join('; ');
  const place = (segment: DaySegment) => ({
    top: `${segment.top * 100}%`,
    height: `${segment.height * 100}%`,
  });
  const length = day.end - day.start;
  return (
    <div
      role="listitem"
      aria-label={`${label}: ${description}`}
      style={{ minWidth: 0 }}
    >
      <Typography variant="caption" component="div" align="center" noWrap>
        {label}
      </Typography>
      <div className={classes.track}>
        {offHours.map((segment, index) => (
          <div
            key={`off-${segment.start}`}
            className={`${classes.segment} ${classes.offHours}`}
            title={`Off-hours ${off[index]}`}
            data-testid="off-hours-band"
            style={place(segment)}
          />
        ))}
        {day.segments.map((segment, index) => (
          <div
            key={segment.start}
            className={`${classes.segment} ${classes.awake}`}
            title={`Awake ${awake[index]}${
              segment.reason ? `: ${segment.reason}` : ''
            }`}
            style={place(segment)}
          />
        ))}
        {boundarySleeps.map((sleep, index) => (
          <div
            key={sleep.at}
            role="img"
            aria-label={sleeps[index]}
            title={sleeps[index]}
            className={classes.boundarySleep}
            style={{
              top: `${((Date.parse(sleep.at) - day.start) / length) * 100}%`,
            }}
          />
        ))}
      </div>
    </div>
  );
};
