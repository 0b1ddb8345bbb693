import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { CalendarDay } from './calendarDays';
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
  awake: {
    position: 'absolute',
    left: 2,
    right: 2,
    minHeight: 2,
    borderRadius: 3,
    background: theme.palette.success.main,
  },
}));

/** One day of the calendar: its awake segments on a midnight-to-midnight track. */
export const DayColumn = ({
  day,
  zone,
}: {
  day: CalendarDay;
  zone: string;
}) => {
  const classes = useStyles();
  const label = formatDay(day.start, zone);
  const spans = day.segments.map(
    s => `${formatTime(s.start, zone)}–${formatTime(s.end, zone)}`,
  );
  return (
    <div
      role="listitem"
      aria-label={`${label}: ${
        spans.length ? `awake ${spans.join(', ')}` : 'asleep'
      }`}
      style={{ minWidth: 0 }}
    >
      <Typography variant="caption" component="div" align="center" noWrap>
        {label}
      </Typography>
      <div className={classes.track}>
        {day.segments.map((segment, index) => (
          <div
            key={segment.start}
            className={classes.awake}
            title={`Awake ${spans[index]}`}
            style={{
              top: `${segment.top * 100}%`,
              height: `${segment.height * 100}%`,
            }}
          />
        ))}
      </div>
    </div>
  );
};
