import Typography from '@material-ui/core/Typography';
import { PreviewTransition } from '@namespace-scheduler/backstage-plugin-common';
import { formatInstant } from '../common';

const SHOWN = 8;

/** `wake · Office hours`; a schedule declared in the catalog says so. */
function describe(
  transition: PreviewTransition,
  declared: ReadonlySet<string>,
): string {
  const operation =
    transition.operation === 'scale'
      ? `scale to ${transition.replicas}`
      : transition.operation;
  if (transition.source === 'off-hours-boundary') {
    return `${operation} · ${transition.title}: ${transition.reason}`;
  }
  const held = transition.suppressed_by ? ' (held back by an override)' : '';
  const source =
    transition.schedule_id && declared.has(transition.schedule_id)
      ? ' (catalog-info.yaml)'
      : '';
  return `${operation} · ${transition.title}${source}${held}`;
}

/** The first predicted transitions of the week, in words. */
export const TransitionList = ({
  transitions,
  zone,
  declared,
}: {
  transitions: PreviewTransition[];
  zone: string;
  /** Ids of the schedules declared in the catalog. */
  declared: ReadonlySet<string>;
}) => (
  <div style={{ marginTop: 16 }}>
    <Typography variant="subtitle2" component="h3" id="upcoming-title">
      Upcoming
    </Typography>
    {transitions.length === 0 ? (
      <Typography variant="body2">
        Nothing is predicted to change this namespace this week.
      </Typography>
    ) : (
      <ul
        aria-labelledby="upcoming-title"
        style={{ margin: 0, paddingLeft: 20 }}
      >
        {transitions.slice(0, SHOWN).map(t => (
          <li key={`${t.at}-${t.schedule_id ?? t.source}-${t.operation}`}>
            <Typography variant="body2">
              {formatInstant(t.at, zone)} — {describe(t, declared)}
            </Typography>
          </li>
        ))}
      </ul>
    )}
  </div>
);
