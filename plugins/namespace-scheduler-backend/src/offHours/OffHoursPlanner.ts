import {
  awakeIntervals,
  formatNamespaceRef,
  Interval,
  ScheduleEntry,
  union,
} from '@namespace-scheduler/backstage-plugin-common';
import { ScheduleStore } from '../schedules';
import { intersect, NamespacePlan } from './awakePlan';
import { OffHoursSlotStore } from './OffHoursSlotStore';
import { OffHoursRules, scopeKey } from './rules';

type NamespaceRef = { cluster: string; namespace: string };

/** A schedule as the planner reads it. */
export type PlannedSchedule = ScheduleEntry & {
  cluster: string;
  namespace: string;
};

/** A namespace's off-hours awake time. */
export type PlannedNamespace = NamespacePlan & {
  cluster: string;
  namespace: string;
};

/**
 * Who will be awake off-hours: each namespace's awake time from its schedules
 * (the common package's transition math), clipped to off-hours, plus — for
 * the current off-hours period — the namespaces holding a slot now (a manual
 * wake holds its slot until a sleep).
 */
export class OffHoursPlanner {
  static create(options: {
    rules: OffHoursRules;
    schedules: Pick<ScheduleStore, 'list'>;
    slots: Pick<OffHoursSlotStore, 'holders'>;
  }): OffHoursPlanner {
    return new OffHoursPlanner(options.rules, options.schedules, options.slots);
  }

  private constructor(
    private readonly rules: OffHoursRules,
    private readonly schedules: Pick<ScheduleStore, 'list'>,
    private readonly slots: Pick<OffHoursSlotStore, 'holders'>,
  ) {}

  /** Off-hours awake time within [from, to), with `candidate` replacing the stored schedule of its id. */
  async plans(
    from: number,
    to: number,
    candidate?: PlannedSchedule,
  ): Promise<PlannedNamespace[]> {
    const stored = await this.schedules.list();
    const entries: PlannedSchedule[] = candidate
      ? [...stored.filter(schedule => schedule.id !== candidate.id), candidate]
      : stored;
    const awake = new Map<
      string,
      { ref: NamespaceRef; intervals: Interval[] }
    >();
    const add = (ref: NamespaceRef, intervals: Interval[]) => {
      const key = formatNamespaceRef(ref);
      const known = awake.get(key)?.intervals ?? [];
      awake.set(key, {
        ref: { cluster: ref.cluster, namespace: ref.namespace },
        intervals: [...known, ...intervals],
      });
    };
    for (const group of groupByNamespace(entries).values()) {
      add(group[0], awakeIntervals(group, from, to));
    }
    for (const held of await this.heldNow(from)) add(held, [held.interval]);
    const offHours = this.rules.hours.offHoursBetween(from, to);
    return [...awake].map(([key, { ref, intervals }]) => ({
      ...ref,
      key,
      scope: scopeKey(this.rules, ref.cluster),
      intervals: intersect(union(intervals), offHours),
    }));
  }

  /** Slot holders of the off-hours period around `from`, awake until it ends. */
  private async heldNow(from: number) {
    const period = this.rules.hours.offHoursAt(from);
    if (!period) return [];
    const holders = await this.slots.holders(period.start);
    return holders.map(holder => ({
      ...holder,
      interval: { start: from, end: period.end },
    }));
  }
}

function groupByNamespace(
  entries: PlannedSchedule[],
): Map<string, PlannedSchedule[]> {
  const groups = new Map<string, PlannedSchedule[]>();
  for (const entry of entries) {
    const key = formatNamespaceRef(entry);
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  return groups;
}
