import { Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { DeclaredScheduleState } from '@namespace-scheduler/backstage-plugin-common';
import { StatusText } from '../common';
import { scheduleAnchor } from '../Schedules';

/** What a refused entry means to its author: which schedule is in the way, and what to do. */
function conflictSummary({
  conflicts_with,
  message,
}: DeclaredScheduleState): string {
  if (conflicts_with) {
    return `not applied: overlaps the schedule '${conflicts_with.title}' made in the portal — remove one of them`;
  }
  return `not applied: ${message ?? 'a rule of the namespace refused it'}`;
}

const Message = ({ children }: { children: string }) => (
  <Typography variant="caption" color="textSecondary" component="div">
    {children}
  </Typography>
);

/** A link to a schedule's row on the tab; `onShow` first selects its namespace. */
const RowLink = ({
  scheduleId,
  onShow,
  children,
}: {
  scheduleId: string;
  onShow: () => void;
  children: string;
}) => (
  <Typography variant="caption" component="div">
    <Link to={`#${scheduleAnchor(scheduleId)}`} onClick={onShow}>
      {children}
    </Link>
  </Typography>
);

/**
 * A declared entry's status: applied (with a link to its schedule's row),
 * conflict (naming what it conflicts with, linked, and the backend's reason)
 * or invalid (with why).
 */
export const DeclaredStatus = ({
  state,
  onShow,
}: {
  state: DeclaredScheduleState;
  /** Selects the entry's namespace, whose rows the links lead to. */
  onShow: (state: DeclaredScheduleState) => void;
}) => {
  const show = () => onShow(state);
  switch (state.status) {
    case 'applied':
      return (
        <>
          <StatusText status="ok">Applied</StatusText>
          {state.schedule_id && (
            <RowLink scheduleId={state.schedule_id} onShow={show}>
              Show the schedule
            </RowLink>
          )}
        </>
      );
    case 'conflict':
      return (
        <>
          <StatusText status="warning">Conflict</StatusText>
          <Message>{conflictSummary(state)}</Message>
          {state.conflicts_with && state.message && (
            <Message>{state.message}</Message>
          )}
          {state.conflicts_with && (
            <RowLink
              scheduleId={state.conflicts_with.schedule_id}
              onShow={show}
            >
              {`Show '${state.conflicts_with.title}'`}
            </RowLink>
          )}
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
