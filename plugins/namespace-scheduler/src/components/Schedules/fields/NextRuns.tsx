import Typography from '@material-ui/core/Typography';
import {
  ScheduleInput,
  ScheduleTransition,
  transitionsAfter,
} from '@namespace-scheduler/backstage-plugin-common';
import { useMemo } from 'react';
import { formatInstant } from '../../common';

const SHOWN = 5;

function firstRuns(timing: ScheduleInput, now: number): ScheduleTransition[] {
  const runs: ScheduleTransition[] = [];
  for (const run of transitionsAfter(timing, now)) {
    runs.push(run);
    if (runs.length === SHOWN) break;
  }
  return runs;
}

function describeRun(run: ScheduleTransition): string {
  const operation =
    run.operation === 'scale' ? `scale to ${run.replicas}` : run.operation;
  return run.release
    ? `override ends (then ${operation} unless another schedule says otherwise)`
    : operation;
}

/** The schedule's next transitions, computed here with the server's math. */
export const NextRuns = ({ timing }: { timing?: ScheduleInput }) => {
  const runs = useMemo(
    () => (timing ? firstRuns(timing, Date.now()) : []),
    [timing],
  );
  if (!timing) return null;
  return (
    <div style={{ marginTop: 16 }}>
      <Typography variant="subtitle2" component="h3" id="next-runs-title">
        Next runs ({timing.zone})
      </Typography>
      {runs.length === 0 ? (
        <Typography variant="body2">
          {timing.kind === 'override'
            ? 'Acts when saved and holds until it is deleted.'
            : 'Never runs again.'}
        </Typography>
      ) : (
        <ul
          aria-labelledby="next-runs-title"
          style={{ margin: 0, paddingLeft: 20 }}
        >
          {runs.map(run => (
            <li key={`${run.at}-${run.operation}`}>
              <Typography variant="body2">
                {formatInstant(run.at, timing.zone)} — {describeRun(run)}
              </Typography>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
};
