import { LoggerService } from '@backstage/backend-plugin-api';
import {
  boundaryDecision,
  formatNamespaceRef,
  sameNamespace,
  Schedule,
} from '@namespace-scheduler/backstage-plugin-common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  ManagedNamespaceRef,
  NamespaceCatalog,
} from '../catalog/NamespaceCatalog';
import { ValidCostCenters } from '../costCenters';
import { NamespaceStatusReader } from '../namespaces/NamespaceStatusService';
import { OperationService } from '../operations';
import { boundaryWhy } from '../reasons';
import { ScheduleStore } from '../schedules';
import { forEachLimited } from '../concurrency/forEachLimited';
import { Clock, systemClock } from '../time/Clock';
import { OffHoursPeriod } from './BusinessHours';
import { OffHoursSlotStore } from './OffHoursSlotStore';
import { describeScope, OffHoursRules, scopeKey } from './rules';
import { ActivityStore } from '@namespace-scheduler/backstage-plugin-node';

/** What one boundary did, by `cluster/namespace`. */
export type BoundarySummary = {
  period: string;
  /** Awake namespaces allowed to stay: holding a slot, or kept awake by their schedules. */
  kept: string[];
  slept: string[];
  /** Namespaces that could not be put to sleep, with why. */
  failed: string[];
};

type Deps = {
  rules: OffHoursRules;
  slots: OffHoursSlotStore;
  schedules: Pick<ScheduleStore, 'list'>;
  claims: Pick<NamespaceCatalog, 'allClaims'>;
  status: NamespaceStatusReader;
  operations: Pick<OperationService, 'execute'>;
  costCenters: Pick<ValidCostCenters, 'validFor'>;
  activities: Pick<ActivityStore, 'list'>;
  logger: LoggerService;
  clock: Clock;
  instanceId: string;
  concurrency: number;
};

/**
 * The runner's step at the start of off-hours: awake managed namespaces
 * without a slot are put to sleep, so the limit holds at the boundary too.
 * Namespaces a schedule keeps awake across the boundary take a slot (while
 * one is free) and stay. One instance handles each boundary (a claimed row);
 * after downtime, the first tick of the off-hours period handles it, as the
 * runner runs the latest missed occurrence of a schedule.
 */
export class OffHoursBoundary {
  static create(
    options: Omit<Deps, 'clock' | 'instanceId' | 'concurrency'> & {
      clock?: Clock;
      instanceId?: string;
      concurrency?: number;
    },
  ): OffHoursBoundary {
    return new OffHoursBoundary({
      ...options,
      clock: options.clock ?? systemClock,
      instanceId:
        options.instanceId ??
        `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      concurrency: options.concurrency ?? 8,
    });
  }

  private constructor(private readonly deps: Deps) {}

  /** Handles the start of the current off-hours period once; undefined when there is nothing to do. */
  async tick(): Promise<BoundarySummary | undefined> {
    const { rules, slots, clock, instanceId } = this.deps;
    const now = clock.now();
    const period = rules.hours.offHoursAt(now.getTime());
    if (!period) return undefined;
    if (!(await slots.claimBoundary(period.start, instanceId, now)))
      return undefined;
    await slots.purgeBefore(period.start);
    const summary: BoundarySummary = {
      period: rules.hours.format(period.start),
      kept: [],
      slept: [],
      failed: [],
    };
    const schedules = await this.deps.schedules.list();
    const claims = await this.deps.claims.allClaims();
    await forEachLimited(claims, this.deps.concurrency, claim =>
      this.settle(claim, { period, schedules, now, summary }),
    );
    this.deps.logger.info(
      'Start of off-hours: namespaces without a slot put to sleep',
      summary,
    );
    return summary;
  }

  private async settle(
    ref: ManagedNamespaceRef,
    context: {
      period: OffHoursPeriod;
      schedules: Schedule[];
      now: Date;
      summary: BoundarySummary;
    },
  ) {
    const { state } = await this.deps.status.status(ref.cluster, ref.namespace);
    if (state === 'asleep' || state === 'unknown') return;
    const own = context.schedules.filter(s => sameNamespace(s, ref));
    if (await this.mayStayAwake(ref, own, context.period, context.now)) {
      context.summary.kept.push(formatNamespaceRef(ref));
      return;
    }
    await this.sleep(ref, context);
  }

  /** The boundary rule (shared with the forecast): holding a slot, or kept awake by a schedule and given a slot. */
  private async mayStayAwake(
    ref: ManagedNamespaceRef,
    own: Schedule[],
    period: OffHoursPeriod,
    now: Date,
  ): Promise<boolean> {
    const holders = await this.deps.slots.holders(period.start);
    const decision = boundaryDecision({
      schedules: own,
      at: now.getTime(),
      holdsSlot: holders.some(holder => sameNamespace(holder, ref)),
      limit: this.deps.rules.limit,
    });
    if (decision.action !== 'take-slot') return decision.action === 'keep';
    const { keeper } = decision;
    const taken = await this.deps.slots.acquire({
      ...ref,
      period: period.start,
      limit: this.deps.rules.limit,
      scope: scopeKey(this.deps.rules, ref.cluster),
      costCenter: keeper.cost_center,
      requestedBy: 'scheduler',
      approvedBy: keeper.created_by,
      scheduleId: keeper.id,
      acquiredAt: now,
    });
    return taken.acquired;
  }

  private async sleep(
    ref: ManagedNamespaceRef,
    context: { period: OffHoursPeriod; summary: BoundarySummary },
  ) {
    const { summary } = context;
    const key = formatNamespaceRef(ref);
    const costCenter = await this.costCenterOf(ref);
    if (!costCenter) {
      summary.failed.push(
        `${key}: no valid cost center to record the sleep against`,
      );
      return;
    }
    try {
      const { result } = await this.deps.operations.execute({
        ...ref,
        operation: 'sleep',
        costCenter,
        requestedBy: 'scheduler',
        ...this.why(ref, context.period),
      });
      if (result.success) summary.slept.push(key);
      else summary.failed.push(`${key}: ${result.errors.join('; ')}`);
    } catch (error) {
      summary.failed.push(
        `${key}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** Why the namespace sleeps: the period, the business hours and the limit it was over. */
  private why(ref: ManagedNamespaceRef, period: OffHoursPeriod) {
    const { rules } = this.deps;
    return boundaryWhy({
      start: period.start,
      hours: rules.hours.spec,
      limit: rules.limit,
      scope: describeScope(scopeKey(rules, ref.cluster)),
    });
  }

  /**
   * The cost center the namespace is charged to, while still valid; else its
   * first valid one. A sleep stops charges, so authorization is not needed.
   */
  private async costCenterOf(
    ref: ManagedNamespaceRef,
  ): Promise<string | undefined> {
    const [valid, open] = await Promise.all([
      this.deps.costCenters.validFor(ref),
      this.deps.activities.list({ ...ref, status: 'active', limit: 1 }),
    ]);
    const charged = open.items[0]?.cost_center;
    return charged && valid.includes(charged) ? charged : valid[0];
  }
}
