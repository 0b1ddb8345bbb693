import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
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
  awake: {
    left: 2,
    right: 2,
    borderRadius: 3,
    background: theme.palette.success.main,
  },
  offHours: {
    left: 0,
    right: 0,
    background: theme.palette.action.hover,
  },
}));

/** `HH:mm–HH:mm` of a segment; a segment ending at the day's end ends at 24:00. */
function span(segment: DaySegment, day: CalendarDay, zone: string): string {
  const end = segment.end === day.end ? '24:00' : formatTime(segment.end, zone);
  return `${formatTime(segment.start, zone)}–${end}`;
}

/** One day of the calendar: its off-hours and awake segments on a midnight-to-midnight track. */
export const DayColumn = ({
  day,
  offHours,
  zone,
}: {
  day: CalendarDay;
  offHours: DaySegment[];
  zone: string;
}) => {
  const classes = useStyles();
  const label = formatDay(day.start, zone);
  const awake = day.segments.map(s => span(s, day, zone));
  const off = offHours.map(s => span(s, day, zone));
  const description = [
    awake.length ? `awake ${awake.join(', ')}` : 'asleep',
    ...(off.length ? [`off-hours ${off.join(', ')}`] : []),
  ].join('; ');
  const place = (segment: DaySegment) => ({
    top: `${segment.top * 100}%`,
    height: `${segment.height * 100}%`,
  });
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
            style={place(segment)}
          />
        ))}
        {day.segments.map((segment, index) => (
          <div
            key={segment.start}
            className={`${classes.segment} ${classes.awake}`}
            title={`Awake ${awake[index]}`}
            style={place(segment)}
          />
        ))}
      </div>
    </div>
  );
};
