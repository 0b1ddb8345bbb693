import {
  parseDateTime,
  ProposedSchedule,
  Weekday,
  WEEKDAYS,
} from '@namespace-scheduler/backstage-plugin-common';
import {
  cronAt,
  endDays,
  isZone,
  parseTimeOfDay,
  TimeOfDay,
  weekly,
} from './timings';
import { Mapping } from './types';

/** kube-downscaler's annotations (github.com/caas-team/py-kube-downscaler). */
export const DOWNSCALER = {
  uptime: 'downscaler/uptime',
  downtime: 'downscaler/downtime',
  downtimeReplicas: 'downscaler/downtime-replicas',
  exclude: 'downscaler/exclude',
  excludeUntil: 'downscaler/exclude-until',
  forceUptime: 'downscaler/force-uptime',
} as const;

const KEYS: readonly string[] = Object.values(DOWNSCALER);

/** The kube-downscaler annotations among `annotations` (not its state, e.g. original-replicas). */
export function downscalerAnnotations(
  annotations: Record<string, string> | undefined,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(annotations ?? {}).filter(([key]) => KEYS.includes(key)),
  );
}

type Recurring = {
  text: string;
  days: Weekday[];
  from: TimeOfDay;
  to: TimeOfDay;
  zone: string;
};
/** Instants, epoch ms. */
type Absolute = { text: string; start: number; end: number };
type Spec = Recurring | Absolute;

const DAY = '(Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const RECURRING = new RegExp(
  `^${DAY}-${DAY}\\s+(\\d\\d:\\d\\d)-(\\d\\d:\\d\\d)\\s+(\\S+)$`,
  'i',
);
const INSTANT =
  '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(?::\\d\\d)?(?:Z|[+-]\\d\\d:\\d\\d)';
const ABSOLUTE = new RegExp(`^(${INSTANT})-(${INSTANT})$`, 'i');

/**
 * A namespace's kube-downscaler schedule as this plugin's schedules: uptime
 * → a weekly window (a one-off window for an absolute range), downtime → a
 * sleep at its start and a wake at its end; with downtime-replicas the sleep
 * becomes a scale.
 */
export function mapNamespaceAnnotations(
  annotations: Record<string, string>,
  now: number,
): Mapping {
  const notes: string[] = [];
  const replicas = downtimeReplicas(annotations, notes);
  const { uptime, downtime } = {
    uptime: annotations[DOWNSCALER.uptime],
    downtime: annotations[DOWNSCALER.downtime],
  };
  let proposed: ProposedSchedule[] = [];
  if (uptime !== undefined) {
    if (downtime !== undefined) {
      notes.push(
        `${DOWNSCALER.downtime} is ignored: kube-downscaler does not take uptime and downtime together; only the uptime is mapped`,
      );
    }
    proposed = mapSpecs(uptime, 'uptime', notes, spec =>
      uptimeSchedules(spec, replicas, now, notes),
    );
  } else if (downtime !== undefined) {
    proposed = mapSpecs(downtime, 'downtime', notes, spec =>
      downtimeSchedules(spec, replicas, notes),
    );
  }
  notes.push(...namespaceOnlyNotes(annotations));
  return { proposed, notes };
}

/** A workload's kube-downscaler annotations: none maps (schedules here are per namespace). */
export function mapWorkloadAnnotations(
  kind: string,
  annotations: Record<string, string>,
): Mapping {
  const notes: string[] = [];
  const scheduling = [
    DOWNSCALER.uptime,
    DOWNSCALER.downtime,
    DOWNSCALER.downtimeReplicas,
  ].filter(key => annotations[key] !== undefined);
  if (scheduling.length > 0) {
    notes.push(
      `${scheduling.join(
        ', ',
      )} on a ${kind} does not map: schedules here are per namespace. Exclude the ${kind} (namespace-scheduler/exclude: "true") or move it to a namespace with its own schedule`,
    );
  }
  if (isTrue(annotations[DOWNSCALER.exclude])) {
    notes.push(
      `${DOWNSCALER.exclude} is already honoured: this plugin never scales a workload annotated so`,
    );
  }
  notes.push(...timedNotes(annotations));
  return { proposed: [], notes };
}

function namespaceOnlyNotes(annotations: Record<string, string>): string[] {
  const notes = timedNotes(annotations);
  if (isTrue(annotations[DOWNSCALER.exclude])) {
    notes.unshift(
      `${DOWNSCALER.exclude} on the namespace: kube-downscaler leaves it alone; import a schedule only if it should now have one (on workloads, ${DOWNSCALER.exclude} is honoured here as is)`,
    );
  }
  return notes;
}

function timedNotes(annotations: Record<string, string>): string[] {
  const notes: string[] = [];
  const until = annotations[DOWNSCALER.excludeUntil];
  if (until !== undefined) {
    notes.push(
      `${DOWNSCALER.excludeUntil} (${until}) does not map: there is no timed exclusion here; annotate the workloads namespace-scheduler/exclude: "true" and remove it then, or add the dates as exceptions of the schedule`,
    );
  }
  const force = annotations[DOWNSCALER.forceUptime];
  if (force !== undefined) {
    notes.push(
      `${DOWNSCALER.forceUptime} (${force}) does not map: use Wake with an end time (an override) on the namespace's page`,
    );
  }
  return notes;
}

function downtimeReplicas(
  annotations: Record<string, string>,
  notes: string[],
): number {
  const text = annotations[DOWNSCALER.downtimeReplicas];
  if (text === undefined) return 0;
  const replicas = Number(text.trim());
  if (!Number.isInteger(replicas) || replicas < 0) {
    notes.push(
      `${DOWNSCALER.downtimeReplicas} "${text}" is not a replica count; mapped as a sleep (0 replicas)`,
    );
    return 0;
  }
  if (replicas > 0) {
    notes.push(
      `${DOWNSCALER.downtimeReplicas} ${replicas}: mapped to a scale to ${replicas} instead of a sleep. Unlike a sleep, a scale leaves CronJobs running and HPAs as they are; a wake restores the replicas from before`,
    );
  }
  return replicas;
}

function mapSpecs(
  value: string,
  what: 'uptime' | 'downtime',
  notes: string[],
  schedules: (spec: Spec) => ProposedSchedule[],
): ProposedSchedule[] {
  const text = value.trim().toLowerCase();
  if (text === 'always' || text === 'never') {
    const awake = (text === 'always') === (what === 'uptime');
    notes.push(
      awake
        ? `${what} ${text}: always awake, nothing to import (a namespace without schedules stays as it is)`
        : `${what} ${text}: always asleep, nothing to import; put the namespace to sleep once (Sleep on its page)`,
    );
    return [];
  }
  return value.split(',').flatMap(part => {
    const spec = parseSpec(part.trim());
    if (typeof spec === 'string') {
      notes.push(`${what} "${part.trim()}" not imported: ${spec}`);
      return [];
    }
    return schedules(spec);
  });
}

function parseSpec(text: string): Spec | string {
  const absolute = ABSOLUTE.exec(text);
  if (absolute) {
    const [start, end] = [absolute[1], absolute[2]].map(iso =>
      parseDateTime(iso, 'UTC'),
    );
    if (Number.isNaN(start) || Number.isNaN(end)) {
      return 'not a valid date-time range';
    }
    return { text, start, end };
  }
  const match = RECURRING.exec(text);
  if (!match) {
    return 'expected "Mon-Fri 07:30-20:30 Europe/Berlin" or "2026-04-01T08:00:00+00:00-2026-04-02T20:00:00+00:00"';
  }
  const [, dayFrom, dayTo, fromText, toText, zone] = match;
  const from = parseTimeOfDay(fromText, { allow24: false });
  const to = parseTimeOfDay(toText, { allow24: true });
  if (!from || !to) return `"${fromText}-${toText}" is not a time range`;
  if (!isZone(zone)) return `"${zone}" is not an IANA time zone`;
  return { text, days: dayRange(dayFrom, dayTo), from, to, zone };
}

function uptimeSchedules(
  spec: Spec,
  replicas: number,
  now: number,
  notes: string[],
): ProposedSchedule[] {
  const title = `kube-downscaler uptime ${spec.text}`;
  if (!('days' in spec)) {
    if (spec.end <= now) {
      notes.push(`uptime "${spec.text}" not imported: it is over`);
      return [];
    }
    return [
      {
        title,
        kind: 'window',
        zone: 'UTC',
        start: new Date(spec.start).toISOString(),
        end: new Date(spec.end).toISOString(),
      },
    ];
  }
  const { zone, days, from, to } = spec;
  if (replicas === 0) return [{ title, ...weekly(zone, days, from, to) }];
  return [
    { title: `${title}: wake`, ...cronAt(zone, days, from, 'wake') },
    {
      title: `${title}: scale to ${replicas}`,
      ...cronAt(zone, endDays(days, from, to), to, 'scale', replicas),
    },
  ];
}

function downtimeSchedules(
  spec: Spec,
  replicas: number,
  notes: string[],
): ProposedSchedule[] {
  if (!('days' in spec)) {
    notes.push(
      `downtime "${spec.text}" does not map: a one-off sleep is not a schedule here; put the namespace to sleep then (Sleep with an end time on its page)`,
    );
    return [];
  }
  const { zone, days, from, to } = spec;
  const title = `kube-downscaler downtime ${spec.text}`;
  const down =
    replicas > 0
      ? {
          title: `${title}: scale to ${replicas}`,
          ...cronAt(zone, days, from, 'scale', replicas),
        }
      : { title: `${title}: sleep`, ...cronAt(zone, days, from, 'sleep') };
  return [
    down,
    {
      title: `${title}: wake`,
      ...cronAt(zone, endDays(days, from, to), to, 'wake'),
    },
  ];
}

/** `Mon-Fri`; a range past Sunday wraps (`Fri-Mon`). */
function dayRange(from: string, to: string): Weekday[] {
  const first = WEEKDAYS.indexOf(from.toLowerCase() as Weekday);
  const last = WEEKDAYS.indexOf(to.toLowerCase() as Weekday);
  const length = ((last - first + 7) % 7) + 1;
  const picked = Array.from({ length }, (_, i) => WEEKDAYS[(first + i) % 7]);
  return WEEKDAYS.filter(day => picked.includes(day));
}

function isTrue(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === 'true';
}
