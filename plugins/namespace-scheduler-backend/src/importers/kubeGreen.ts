import {
  ProposedSchedule,
  Weekday,
  WEEKDAYS,
} from '@namespace-scheduler/backstage-plugin-common';
import { cronAt, isZone, parseTimeOfDay, TimeOfDay, weekly } from './timings';
import { Mapping } from './types';

/** kube-green's SleepInfo API (kube-green.com/v1alpha1, namespaced). */
export const SLEEP_INFO = {
  group: 'kube-green.com',
  version: 'v1alpha1',
  plural: 'sleepinfos',
  kind: 'SleepInfo',
} as const;

/** The part of a SleepInfo's spec this mapping reads. */
export type SleepInfoSpec = {
  weekdays?: unknown;
  sleepAt?: unknown;
  wakeUpAt?: unknown;
  timeZone?: unknown;
  excludeRef?: unknown;
  includeRef?: unknown;
  suspendCronJobs?: unknown;
  suspendDeployments?: unknown;
  suspendStatefulSets?: unknown;
  patches?: unknown;
};

/**
 * A SleepInfo as this plugin's schedules: awake from wakeUpAt to sleepAt on
 * its weekdays when it wakes before it sleeps (a weekly window, identical),
 * else a sleep and a wake at those times; without wakeUpAt, only the sleep.
 */
export function mapSleepInfo(name: string, spec: SleepInfoSpec): Mapping {
  const notes = unmappedFields(spec);
  const timing = readTiming(spec);
  if (typeof timing === 'string') {
    return { proposed: [], notes: [`Not imported: ${timing}`, ...notes] };
  }
  return { proposed: schedulesOf(name, timing), notes };
}

type Timing = {
  days: Weekday[];
  sleepAt: TimeOfDay;
  wakeUpAt?: TimeOfDay;
  zone: string;
};

function readTiming(spec: SleepInfoSpec): Timing | string {
  const days = parseCronWeekdays(spec.weekdays);
  if (!days)
    return `weekdays "${String(
      spec.weekdays,
    )}" is not a cron day-of-week field (e.g. "1-5" or "*")`;
  const sleepAt = timeOf(spec.sleepAt);
  if (!sleepAt) return `sleepAt "${String(spec.sleepAt)}" is not HH:mm`;
  const wakeUpAt =
    spec.wakeUpAt === undefined ? undefined : timeOf(spec.wakeUpAt);
  if (spec.wakeUpAt !== undefined && !wakeUpAt) {
    return `wakeUpAt "${String(spec.wakeUpAt)}" is not HH:mm`;
  }
  const zone = spec.timeZone === undefined ? 'UTC' : String(spec.timeZone);
  if (!isZone(zone)) return `timeZone "${zone}" is not an IANA time zone`;
  return { days, sleepAt, wakeUpAt, zone };
}

function schedulesOf(name: string, timing: Timing): ProposedSchedule[] {
  const { days, sleepAt, wakeUpAt, zone } = timing;
  const title = `kube-green SleepInfo ${name}`;
  if (wakeUpAt && minutes(wakeUpAt) < minutes(sleepAt)) {
    return [{ title, ...weekly(zone, days, wakeUpAt, sleepAt) }];
  }
  const sleep = {
    title: `${title}: sleep`,
    ...cronAt(zone, days, sleepAt, 'sleep'),
  };
  return wakeUpAt
    ? [
        sleep,
        { title: `${title}: wake`, ...cronAt(zone, days, wakeUpAt, 'wake') },
      ]
    : [sleep];
}

function unmappedFields(spec: SleepInfoSpec): string[] {
  const notes: string[] = [];
  if (spec.wakeUpAt === undefined) {
    notes.push(
      'No wakeUpAt: kube-green never wakes the namespace, so only the sleep is imported; wake it on its page',
    );
  }
  const refs = (name: string, list: unknown, instead: string) => {
    if (Array.isArray(list) && list.length > 0) {
      notes.push(
        `${name} (${list
          .map(describeRef)
          .join('; ')}) does not map: ${instead}`,
      );
    }
  };
  refs(
    'excludeRef',
    spec.excludeRef,
    'annotate those workloads namespace-scheduler/exclude: "true"',
  );
  refs(
    'includeRef',
    spec.includeRef,
    'this plugin sleeps every workload of the namespace; annotate the others namespace-scheduler/exclude: "true"',
  );
  if (spec.patches !== undefined) {
    notes.push(
      'patches do not map: this plugin sleeps Deployments, StatefulSets, CronJobs, HPAs and KEDA ScaledObjects only; other resources keep running',
    );
  }
  if (spec.suspendDeployments === false) {
    notes.push(
      'suspendDeployments: false does not map: this plugin sleeps Deployments too; exclude those to keep (namespace-scheduler/exclude: "true")',
    );
  }
  if (spec.suspendStatefulSets === false) {
    notes.push(
      'suspendStatefulSets: false does not map: this plugin sleeps StatefulSets too; exclude those to keep (namespace-scheduler/exclude: "true")',
    );
  }
  if (spec.suspendCronJobs !== true) {
    notes.push(
      'suspendCronJobs is not true (kube-green leaves CronJobs running): this plugin suspends them while asleep; exclude those to keep (namespace-scheduler/exclude: "true")',
    );
  }
  return notes;
}

function describeRef(ref: unknown): string {
  if (typeof ref !== 'object' || ref === null) return String(ref);
  const { kind, name, matchLabels } = ref as Record<string, unknown>;
  if (matchLabels && typeof matchLabels === 'object') {
    const labels = Object.entries(matchLabels).map(
      ([k, v]) => `${k}=${String(v)}`,
    );
    return `labels ${labels.join(',')}`;
  }
  return `${String(kind)} ${String(name)}`;
}

/** Cron's day-of-week: `*`, `1-5`, `0,6`, `1-3,5` (0 and 7 are Sunday). */
function parseCronWeekdays(value: unknown): Weekday[] | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '*') return [...WEEKDAYS];
  const picked = new Set<number>();
  for (const part of text.split(',')) {
    const match = /^([0-7])(?:-([0-7]))?$/.exec(part.trim());
    if (!match) return undefined;
    const [first, last] = [Number(match[1]), Number(match[2] ?? match[1])];
    if (last < first) return undefined;
    for (let n = first; n <= last; n++) picked.add(n % 7);
  }
  // Cron counts from Sunday (0); WEEKDAYS from Monday.
  return WEEKDAYS.filter((_, i) => picked.has((i + 1) % 7));
}

function timeOf(value: unknown): TimeOfDay | undefined {
  return typeof value === 'string'
    ? parseTimeOfDay(value, { allow24: false })
    : undefined;
}

function minutes(time: TimeOfDay): number {
  return time.hour * 60 + time.minute;
}
