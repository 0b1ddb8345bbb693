import { nextCronRun, previousCronRun } from './cron';
import {
  Interval,
  parseDateTime,
  weeklyIntervals,
  windowInterval,
} from './intervals';
import {
  CronTiming,
  OverrideTiming,
  ScheduleTiming,
  ScheduleTransition,
  WeeklyTiming,
} from './types';
import { DAY_MS } from './zonedTime';

const CHUNK_MS = 8 * DAY_MS;
/** Weekly windows with every day excepted for this many chunks (~2 years) end. */
const MAX_EMPTY_CHUNKS = 100;

/**
 * Every transition of a schedule strictly after `after` (epoch ms), in order.
 *
 * @public
 */
export function* transitionsAfter(
  spec: ScheduleTiming,
  after: number,
): Generator<ScheduleTransition> {
  switch (spec.kind) {
    case 'cron':
      yield* cronTransitions(spec, after);
      return;
    case 'window':
      yield* boundaries([windowInterval(spec)], after, Infinity);
      return;
    case 'weekly':
      yield* weeklyTransitions(spec, after);
      return;
    case 'override':
      yield* releaseOf(spec, after);
      return;
    default:
      throw new Error(
        `Unknown schedule kind ${(spec as { kind: string }).kind}`,
      );
  }
}

/**
 * The first transition strictly after `after`.
 *
 * @public
 */
export function nextTransition(
  spec: ScheduleTiming,
  after: number,
): ScheduleTransition | undefined {
  return transitionsAfter(spec, after).next().value ?? undefined;
}

/**
 * The transitions in (after, until].
 *
 * @public
 */
export function transitionsBetween(
  spec: ScheduleTiming,
  after: number,
  until: number,
): ScheduleTransition[] {
  const found: ScheduleTransition[] = [];
  for (const transition of transitionsAfter(spec, after)) {
    if (transition.at > until) break;
    found.push(transition);
  }
  return found;
}

/**
 * The latest transition at or before `atOrBefore`: the state the schedule
 * asks for at that instant. Overrides ask for nothing once released.
 *
 * @public
 */
export function previousTransition(
  spec: ScheduleTiming,
  atOrBefore: number,
): ScheduleTransition | undefined {
  switch (spec.kind) {
    case 'cron': {
      const at = previousCronRun(spec, atOrBefore);
      return at === undefined ? undefined : cronTransition(spec, at);
    }
    case 'window':
      return boundaries([windowInterval(spec)], -Infinity, atOrBefore).pop();
    case 'weekly':
      return previousWeekly(spec, atOrBefore);
    default:
      return undefined;
  }
}

function cronTransition(spec: CronTiming, at: number): ScheduleTransition {
  return spec.operation === 'scale'
    ? { at, operation: 'scale', replicas: spec.replicas }
    : { at, operation: spec.operation };
}

function* cronTransitions(spec: CronTiming, after: number) {
  for (let at = nextCronRun(spec, after); at !== undefined; ) {
    yield cronTransition(spec, at);
    at = nextCronRun(spec, at);
  }
}

function* weeklyTransitions(spec: WeeklyTiming, after: number) {
  let cursor = after;
  for (let empty = 0; empty < MAX_EMPTY_CHUNKS; cursor += CHUNK_MS) {
    const until = cursor + CHUNK_MS;
    const found = boundaries(
      weeklyIntervals(spec, cursor, until),
      cursor,
      until,
    );
    yield* found;
    empty = found.length === 0 ? empty + 1 : 0;
  }
}

function previousWeekly(
  spec: WeeklyTiming,
  atOrBefore: number,
): ScheduleTransition | undefined {
  for (let chunk = 0; chunk < MAX_EMPTY_CHUNKS; chunk++) {
    const until = atOrBefore - chunk * CHUNK_MS;
    const from = until - CHUNK_MS;
    const found = boundaries(weeklyIntervals(spec, from, until), from, until);
    if (found.length > 0) return found[found.length - 1];
  }
  return undefined;
}

/** Wake at each start and sleep at each end, within (after, until]. */
function boundaries(
  intervals: Interval[],
  after: number,
  until: number,
): ScheduleTransition[] {
  return intervals
    .flatMap((interval): ScheduleTransition[] => [
      { at: interval.start, operation: 'wake' },
      { at: interval.end, operation: 'sleep' },
    ])
    .filter(transition => transition.at > after && transition.at <= until);
}

function releaseOf(spec: OverrideTiming, after: number): ScheduleTransition[] {
  if (spec.until === undefined) return [];
  const at = parseDateTime(spec.until, spec.zone);
  if (!(at > after)) return [];
  const fallback = spec.operation === 'wake' ? 'sleep' : 'wake';
  return [{ at, operation: fallback, release: true }];
}
