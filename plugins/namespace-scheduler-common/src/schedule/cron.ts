import { CronExpression, CronExpressionParser } from 'cron-parser';
import {
  DAY_MS,
  floorToMinute,
  MINUTE_MS,
  startOfWallDay,
  toInstant,
  toWall,
  wallDate,
} from './zonedTime';
import { CronTiming } from './types';

/** Enough for a repeated hour of minutely runs and a year of skipped days. */
const MAX_STEPS = 2_000;
/** Longer than any DST shift: how far a fall-back can replay wall times. */
const REPLAY_MS = 3 * 60 * MINUTE_MS;

/**
 * The fields of a cron schedule its runs are computed from.
 *
 * @public
 */
export type CronSpec = Pick<CronTiming, 'cron' | 'zone' | 'except_dates'>;

/** Parsed expressions, reused: parsing costs more than a step. */
const iterators = new Map<string, CronExpression>();
const MAX_CACHED = 1_000;

/**
 * cron-parser walks the wall clock in UTC, where no hour is skipped or
 * repeated; `toInstant` then places each wall time in the schedule's zone.
 * Callers use the iterator synchronously, so sharing one per expression is safe.
 */
function wallIterator(expression: string, wall: number): CronExpression {
  const cached = iterators.get(expression);
  if (cached) {
    cached.reset(new Date(wall));
    return cached;
  }
  if (iterators.size >= MAX_CACHED) iterators.clear();
  const iterator = CronExpressionParser.parse(expression, {
    tz: 'UTC',
    currentDate: new Date(wall),
  });
  iterators.set(expression, iterator);
  return iterator;
}

/**
 * Why `expression` is not a usable five-field cron expression; undefined when it is.
 *
 * @public
 */
export function cronProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5 || fields[0] === '') {
    return 'must have five fields: minute hour day-of-month month day-of-week';
  }
  if (
    fields.some(field => field.split(/[,/-]/).some(part => /^h/i.test(part)))
  ) {
    return 'hashed values (H) are not supported';
  }
  try {
    CronExpressionParser.parse(expression, { tz: 'UTC' }).next();
    return undefined;
  } catch (error) {
    return `is not valid: ${(error as Error).message}`;
  }
}

/**
 * The first run strictly after `after` (epoch ms), skipping `except_dates`.
 *
 * @public
 */
export function nextCronRun(spec: CronSpec, after: number): number | undefined {
  const excepted = new Set(spec.except_dates ?? []);
  const iterator = wallIterator(
    spec.cron,
    floorToMinute(toWall(spec.zone, after)),
  );
  for (let step = 0; step < MAX_STEPS; step++) {
    const wall = iterator.next().getTime();
    if (excepted.has(wallDate(wall))) {
      iterator.reset(new Date(startOfWallDay(wall) + DAY_MS - 1));
      continue;
    }
    const instant = toInstant(spec.zone, wall);
    if (instant > after) return instant;
  }
  return undefined;
}

/**
 * The latest run at or before `atOrBefore` (epoch ms), skipping `except_dates`.
 *
 * @public
 */
export function previousCronRun(
  spec: CronSpec,
  atOrBefore: number,
): number | undefined {
  const excepted = new Set(spec.except_dates ?? []);
  const wall = floorToMinute(toWall(spec.zone, atOrBefore));
  // In the second pass of a repeated hour, later wall times already happened.
  const replaying =
    toInstant(spec.zone, wall) < floorToMinute(atOrBefore) ? REPLAY_MS : 0;
  const iterator = wallIterator(spec.cron, wall + MINUTE_MS + replaying);
  for (let step = 0; step < MAX_STEPS; step++) {
    const candidate = iterator.prev().getTime();
    if (excepted.has(wallDate(candidate))) {
      iterator.reset(new Date(startOfWallDay(candidate)));
      continue;
    }
    const instant = toInstant(spec.zone, candidate);
    if (instant <= atOrBefore) return instant;
  }
  return undefined;
}
