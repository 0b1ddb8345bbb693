import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import Typography from '@material-ui/core/Typography';

/** Previous / this / next week; the past is the activity's, not the forecast's. */
export const WeekNavigation = ({
  week,
  onWeek,
  label,
}: {
  week: number;
  onWeek: (week: number) => void;
  label: string;
}) => (
  <div
    style={{
      display: 'flex',
      alignItems: 'center',
      justifyContent: 'space-between',
      marginBottom: 8,
    }}
  >
    <Typography variant="subtitle2" component="h3" aria-live="polite">
      {label}
    </Typography>
    <ButtonGroup size="small" aria-label="Week">
      <Button disabled={week === 0} onClick={() => onWeek(week - 1)}>
        Previous week
      </Button>
      <Button disabled={week === 0} onClick={() => onWeek(0)}>
        This week
      </Button>
      <Button onClick={() => onWeek(week + 1)}>Next week</Button>
    </ButtonGroup>
  </div>
);
