import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  activityReadAllPermission,
  OffHoursPlan,
  OffHoursSlot,
  OffHoursStatus,
} from '@namespace-scheduler/backstage-plugin-common';
import { NamespaceAuthorizer } from '../permissions';
import { Clock, systemClock } from '../time/Clock';
import { intersect, peaks } from './awakePlan';
import { OffHoursPeriod } from './BusinessHours';
import { OffHoursPlanner, PlannedNamespace } from './OffHoursPlanner';
import { OffHoursSlotStore, SlotHolder } from './OffHoursSlotStore';
import { OffHoursRules } from './rules';

const DAY_MS = 86_400_000;

/** The off-hours limit as people see it: slots in use now, and the week ahead (admins). */
export class OffHoursService {
  static create(options: {
    rules: OffHoursRules;
    slots: Pick<OffHoursSlotStore, 'holders'>;
    planner: OffHoursPlanner;
    authorizer: NamespaceAuthorizer;
    clock?: Clock;
  }): OffHoursService {
    return new OffHoursService({
      ...options,
      clock: options.clock ?? systemClock,
    });
  }

  private constructor(
    private readonly deps: {
      rules: OffHoursRules;
      slots: Pick<OffHoursSlotStore, 'holders'>;
      planner: OffHoursPlanner;
      authorizer: NamespaceAuthorizer;
      clock: Clock;
    },
  ) {}

  /** Whether it is off-hours, and who holds the slots now. */
  async status(): Promise<OffHoursStatus> {
    const { rules } = this.deps;
    const now = this.deps.clock.now().getTime();
    const current = rules.hours.offHoursAt(now);
    const period = current ?? rules.hours.currentOrNextOffHours(now);
    const holders = current ? await this.deps.slots.holders(current.start) : [];
    return {
      limit: rules.limit,
      scope: rules.scope,
      business_hours: rules.hours.spec,
      off_hours: current !== undefined,
      ...(period && { period: this.formatPeriod(period) }),
      used: countByScope(holders),
      slots: holders.map(slotOf),
    };
  }

  /** Now, and the namespaces schedules keep awake in each off-hours period of the next `days`. */
  async plan(
    credentials: BackstageCredentials,
    days: number,
  ): Promise<OffHoursPlan> {
    await this.deps.authorizer.assert(credentials, activityReadAllPermission);
    const now = this.deps.clock.now().getTime();
    const to = now + days * DAY_MS;
    const [status, plans] = await Promise.all([
      this.status(),
      this.deps.planner.plans(now, to),
    ]);
    const upcoming = this.deps.rules.hours
      .offHoursBetween(now, to)
      .map(period => {
        const within = plans
          .map(plan => ({
            ...plan,
            intervals: intersect(plan.intervals, [period]),
          }))
          .filter(plan => plan.intervals.length > 0);
        return {
          start: this.format(period.start),
          end: this.format(period.end),
          peak: peaks(within),
          namespaces: within.map(plan => this.plannedOf(plan)),
        };
      });
    return { ...status, upcoming };
  }

  private plannedOf(plan: PlannedNamespace) {
    return {
      cluster: plan.cluster,
      namespace: plan.namespace,
      awake: plan.intervals.map(i => ({
        from: this.format(i.start),
        to: this.format(i.end),
      })),
    };
  }

  private formatPeriod(period: OffHoursPeriod) {
    return {
      start: this.format(period.start),
      ...(Number.isFinite(period.end) && { end: this.format(period.end) }),
    };
  }

  private format(at: number): string {
    return this.deps.rules.hours.format(at);
  }
}

function countByScope(holders: SlotHolder[]): Record<string, number> {
  const used: Record<string, number> = {};
  for (const holder of holders)
    used[holder.scope] = (used[holder.scope] ?? 0) + 1;
  return used;
}

function slotOf(holder: SlotHolder): OffHoursSlot {
  return {
    cluster: holder.cluster,
    namespace: holder.namespace,
    slot: holder.slot,
    scope: holder.scope,
    cost_center: holder.costCenter,
    requested_by: holder.requestedBy,
    ...(holder.approvedBy && { approved_by: holder.approvedBy }),
    ...(holder.scheduleId && { schedule_id: holder.scheduleId }),
    acquired_at: holder.acquiredAt.toISOString(),
  };
}
