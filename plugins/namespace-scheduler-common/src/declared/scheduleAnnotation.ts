import { formatNamespaceRef, parseNamespaceRef } from '../domain/namespaceRef';
import { WeeklyTiming } from '../schedule/types';
import { ScheduleIssue, validateScheduleInput } from '../schedule/validation';
import { normalizeTimeZone } from '../schedule/zonedTime';
import { DeclaredSchedule, ScheduleAnnotationParse } from './types';
import { formatWeekdays, parseWeekdays } from './weekdays';

/**
 * What `validateScheduleInput` needs besides the timing; an entry has none of
 * it (the namespaces and the title come from the entity), so checking the
 * timing lends it these.
 */
const PLACEHOLDER_TARGET = {
  title: 'declared',
  cluster: 'declared',
  namespace: 'declared',
  cost_center: 'declared',
};

const SHAPE =
  "expected '[namespace: ]days HH:mm-HH:mm zone', e.g. 'Mon-Fri 08:00-19:00 UTC'";

type Clauses = { except?: string; charge?: string };

/**
 * Parses a `namespace-scheduler/schedule` annotation: entries separated by
 * `;` or newlines, each an optional `cluster/namespace: ` target, then
 * `days HH:mm-HH:mm zone`, then optional `except` dates or named holiday
 * calendars and an optional `charge` cost center (see
 * docs/schedules-as-code.md). Entries that parse become schedules (normalized:
 * canonical zone, week-ordered days, sorted dates, `24:00` as `00:00`); each
 * wrong part of the others is a problem naming the entry.
 *
 * @public
 */
export function parseScheduleAnnotation(
  value: string,
): ScheduleAnnotationParse {
  const result: ScheduleAnnotationParse = { schedules: [], problems: [] };
  for (const entry of value.split(/[;\n]/).map(item => item.trim())) {
    if (entry.length === 0) continue;
    const parsed = parseEntry(entry);
    if (Array.isArray(parsed)) {
      result.problems.push(
        ...parsed.map(message => ({
          entry,
          message: `'${entry}': ${message}`,
        })),
      );
    } else {
      result.schedules.push(parsed);
    }
  }
  return result;
}

/**
 * The canonical text of an entry, which parses back to the same schedule.
 *
 * @public
 */
export function formatDeclaredSchedule(
  schedule: Omit<DeclaredSchedule, 'text'>,
): string {
  const { timing, holidays, target, cost_center } = schedule;
  const exceptions = [
    ...(timing.except_dates ?? []),
    ...(holidays ? [`holidays:${holidays}`] : []),
  ];
  const parts = [
    target ? `${target}:` : '',
    formatWeekdays(timing.days),
    `${timing.from}-${timing.to === '00:00' ? '24:00' : timing.to}`,
    timing.zone,
    exceptions.length > 0 ? `except ${exceptions.join(',')}` : '',
    cost_center ? `charge ${cost_center}` : '',
  ];
  return parts.filter(part => part.length > 0).join(' ');
}

/** The schedule, or what is wrong with the entry. */
function parseEntry(text: string): DeclaredSchedule | string[] {
  const problems: string[] = [];
  // Lists may be written `a, b`: one token each.
  const tokens = text.replace(/\s*,\s*/g, ',').split(/\s+/);
  const target = tokens[0].endsWith(':') ? tokens[0].slice(0, -1) : undefined;
  const [days, times, zone, ...rest] =
    target === undefined ? tokens : tokens.slice(1);
  if (zone === undefined) return [SHAPE];
  const ref = target === undefined ? undefined : parseNamespaceRef(target);
  if (target !== undefined && !ref) {
    problems.push(`target '${target}' is not a [cluster/]namespace`);
  }
  const clauses = parseClauses(rest, problems);
  const exceptions = parseExceptions(clauses.except ?? '', problems);
  const timing = parseTiming(days, times, zone, exceptions.dates, problems);
  problems.push(...timingProblems(timing, clauses.charge, times));
  if (problems.length > 0) return problems;
  return {
    text,
    ...(ref && { target: formatNamespaceRef(ref) }),
    timing,
    ...(exceptions.holidays && { holidays: exceptions.holidays }),
    ...(clauses.charge && { cost_center: clauses.charge }),
  };
}

/** `except …` and `charge …`, each at most once, in any order. */
function parseClauses(tokens: string[], problems: string[]): Clauses {
  const clauses: Clauses = {};
  for (let i = 0; i < tokens.length; i += 2) {
    const keyword = tokens[i].toLowerCase();
    const value = tokens[i + 1];
    if (keyword !== 'except' && keyword !== 'charge') {
      problems.push(
        `unexpected '${tokens[i]}' after the time zone (only 'except …' and 'charge …' may follow)`,
      );
      return clauses;
    }
    if (clauses[keyword] !== undefined) {
      problems.push(`'${keyword}' is given twice`);
    } else if (value === undefined) {
      problems.push(
        keyword === 'except'
          ? "'except' needs YYYY-MM-DD dates or holidays:<name>"
          : "'charge' needs a cost center",
      );
    } else {
      clauses[keyword] = value;
    }
  }
  return clauses;
}

function parseExceptions(
  text: string,
  problems: string[],
): { dates: string[]; holidays?: string } {
  const dates: string[] = [];
  const calendars: string[] = [];
  for (const item of text.split(',').filter(part => part.length > 0)) {
    const calendar = /^holidays:(.+)$/i.exec(item);
    if (calendar) calendars.push(calendar[1]);
    else dates.push(item);
  }
  if (calendars.length > 1) {
    problems.push(
      `one holiday calendar per entry, not ${calendars
        .map(c => `'${c}'`)
        .join(' and ')}`,
    );
  }
  return { dates, holidays: calendars[0] };
}

/**
 * The weekly timing; a part that is wrong is reported and stood in for, so
 * that the rest can still be checked.
 */
function parseTiming(
  daysText: string,
  timesText: string,
  zoneText: string,
  dates: string[],
  problems: string[],
): WeeklyTiming {
  const days = parseWeekdays(daysText);
  if ('unknown' in days) problems.push(`unknown day '${days.unknown}'`);
  const times = /^([^-]+)-([^-]+)$/.exec(timesText);
  if (!times) problems.push(`times '${timesText}' must be HH:mm-HH:mm`);
  const zone = normalizeTimeZone(zoneText);
  if (!zone) problems.push(`unknown time zone '${zoneText}'`);
  const to = times?.[2] ?? '00:00';
  return {
    kind: 'weekly',
    zone: zone ?? 'UTC',
    days: 'days' in days ? days.days : ['mon'],
    from: times?.[1] ?? '00:00',
    // The end of the day: how a weekly timing writes it.
    to: to === '24:00' ? '00:00' : to,
    ...(dates.length > 0 && { except_dates: [...new Set(dates)].sort() }),
  };
}

/** The schedule checks' verdict on the times, dates and cost center. */
function timingProblems(
  timing: WeeklyTiming,
  charge: string | undefined,
  timesText: string,
): string[] {
  const validation = validateScheduleInput(
    { ...PLACEHOLDER_TARGET, ...timing, cost_center: charge ?? 'declared' },
    { now: 0 },
  );
  if (validation.success) return [];
  const [from, to] = timesText.split('-');
  // A malformed date also fails the calendar check: the first issue says it.
  const firsts = validation.issues.filter(
    (issue, i, all) => all.findIndex(o => o.field === issue.field) === i,
  );
  return firsts.map(issue =>
    describeIssue(issue, { from, to, charge, dates: timing.except_dates }),
  );
}

function describeIssue(
  { field, message }: ScheduleIssue,
  written: { from: string; to: string; charge?: string; dates?: string[] },
): string {
  const [name, index] = field.split('.');
  switch (name) {
    case 'from':
      return `start time '${written.from}' ${message}`;
    case 'to':
      return `end time '${written.to}' ${message} (or 24:00)`;
    case 'cost_center':
      return `charge '${written.charge}' ${message}`;
    case 'except_dates':
      return index === undefined
        ? `except: ${message}`
        : `except '${written.dates?.[Number(index)]}' ${message}`;
    default:
      return `${field} ${message}`;
  }
}
