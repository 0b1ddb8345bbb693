import { Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { DeclaredScheduleState } from '@namespace-scheduler/backstage-plugin-common';
import { StatusText } from '../common';
import { scheduleAnchor } from '../Schedules';

/** What a conflict refused, when the backend gave no words of its own. */
function conflictMessage(state: DeclaredScheduleState): string {
  const other = state.conflicts_with
    ? `the schedule '${state.conflicts_with.title}'`
    : 'another schedule';
  return `not applied: overlaps ${other} made in the portal — remove one of them`;
}

const Message = ({ children }: { children: string }) => (
  <Typography variant="caption" color="textSecondary" component="div">
    {children}
  </Typography>
);

/**
 * A declared entry's status: applied (with a link to its schedule's row),
 * conflict (with what it conflicts with) or invalid (with why).
 */
export const DeclaredStatus = ({
  state,
  onShow,
}: {
  state: DeclaredScheduleState;
  /** Selects the namespace of an applied entry, whose row the link leads to. */
  onShow: (state: DeclaredScheduleState) => void;
}) => {
  switch (state.status) {
    case 'applied':
      return (
        <>
          <StatusText status="ok">Applied</StatusText>
          {state.schedule_id && (
            <Typography variant="caption" component="div">
              <Link
                to={`#${scheduleAnchor(state.schedule_id)}`}
                onClick={() => onShow(state)}
              >
                Show the schedule
              </Link>
            </Typography>
          )}
        </>
      );
    case 'conflict':
      return (
        <>
          <StatusText status="warning">Conflict</StatusText>
          <Message>{state.message ?? conflictMessage(state)}</Message>
        </>
      );
    default:
      return (
        <>
          <StatusText status="error">Invalid</StatusText>
          <Message>{state.message ?? 'The entry cannot be applied.'}</Message>
        </>
      );
  }
};
