import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';

/** "3 of 5" with a bar, red when the limit is reached. */
export const UsageBar = ({
  label,
  used,
  limit,
}: {
  label: string;
  used: number;
  limit: number;
}) => (
  <div style={{ minWidth: 160, maxWidth: 320 }}>
    <Typography variant="body2">
      {label}: {used} of {limit}
    </Typography>
    <LinearProgress
      variant="determinate"
      aria-label={`${label}: ${used} of ${limit} off-hours slots`}
      value={limit > 0 ? Math.min(100, (used / limit) * 100) : 100}
      color={used >= limit ? 'secondary' : 'primary'}
    />
  </div>
);
