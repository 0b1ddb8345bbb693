import { ConflictError } from '@backstage/errors';
import {
  formatNamespaceRef,
  keepsAwake,
  OperationResult,
  sameNamespace,
} from '@namespace-scheduler/backstage-plugin-common';
import {
  OperationCapacity,
  OperationGuard,
  OperationRequest,
  OperationReservation,
} from '../operations';
import { Clock, systemClock } from '../time/Clock';
import { OffHoursPeriod } from './BusinessHours';
import { OffHoursSlotStore, SlotHolder } from './OffHoursSlotStore';
import { describeScope, OffHoursRules, scopeKey } from './rules';

const NOTHING_RESERVED: OperationReservation = { settle: async () => {} };

/**
 * The off-hours limit on operations. Outside business hours a wake (or scale
 * above 0) needs a slot of the current off-hours period: taken atomically
 * before the engine runs, else 409 naming the holders. A successful sleep
 * (or scale to 0) frees the namespace's slot; a wake that failed and was
 * rolled back returns the slot it took.
 */
export class OffHoursGuard implements OperationGuard, OperationCapacity {
  static create(options: {
    rules: OffHoursRules;
    slots: OffHoursSlotStore;
    clock?: Clock;
  }): OffHoursGuard {
    return new OffHoursGuard(
      options.rules,
      options.slots,
      options.clock ?? systemClock,
    );
  }

  private constructor(
    private readonly rules: OffHoursRules,
    private readonly slots: OffHoursSlotStore,
    private readonly clock: Clock,
  ) {}

  /** A non-binding look (dry runs, overrides before they are stored): would a slot be free now? */
  async assertAllowed(request: OperationRequest): Promise<void> {
    if (!keepsAwake(request)) return;
    const period = this.rules.hours.offHoursAt(this.clock.now().getTime());
    if (!period) return;
    const holders = await this.slots.holders(
      period.start,
      scopeKey(this.rules, request.cluster),
    );
    const holds = holders.some(h => sameNamespace(h, request));
    if (!holds && holders.length >= this.rules.limit) {
      throw this.full(request, holders, period);
    }
  }

  async reserve(request: OperationRequest): Promise<OperationReservation> {
    const now = this.clock.now();
    if (!keepsAwake(request)) {
      return {
        settle: async result => {
          if (result.success) await this.slots.release(request, now);
        },
      };
    }
    const period = this.rules.hours.offHoursAt(now.getTime());
    return period ? this.take(request, period, now) : NOTHING_RESERVED;
  }

  private async take(
    request: OperationRequest,
    period: OffHoursPeriod,
    now: Date,
  ) {
    const approvedBy = request.userId ?? request.requestedBy;
    const taken = await this.slots.acquire({
      period: period.start,
      limit: this.rules.limit,
      scope: scopeKey(this.rules, request.cluster),
      cluster: request.cluster,
      namespace: request.namespace,
      costCenter: request.costCenter,
      requestedBy: request.requestedBy,
      approvedBy,
      ...(request.scheduleId && { scheduleId: request.scheduleId }),
      acquiredAt: now,
    });
    if (!taken.acquired) throw this.full(request, taken.holders, period);
    return {
      approvedBy,
      settle: async (result: OperationResult) => {
        // A wake rolled back in full left the namespace asleep; a partial rollback keeps the slot.
        if (
          !result.success &&
          taken.isNew &&
          result.rollback_failed_count === 0
        ) {
          await this.slots.release(request, now);
        }
      },
    };
  }

  private full(
    request: OperationRequest,
    holders: SlotHolder[],
    period: OffHoursPeriod,
  ) {
    const { limit, hours } = this.rules;
    const scope = describeScope(scopeKey(this.rules, request.cluster));
    const list = holders.map(describeHolder).join(', ') || 'none';
    const until = Number.isFinite(period.end)
      ? `, or at ${hours.format(period.end)} when business hours start`
      : '';
    return new ConflictError(
      `Off-hours limit reached: at most ${limit} namespaces may be awake ${scope} outside business hours ` +
        `(${hours.describe()}); the slots are held by ${list}. ` +
        `${formatNamespaceRef(
          request,
        )} may wake when one of them sleeps${until}.`,
    );
  }
}

/** `sandbox/b (a schedule of user:default/bob)`: who holds it, in words; no schedule id. */
function describeHolder(holder: SlotHolder): string {
  const by = holder.scheduleId
    ? `a schedule of ${holder.approvedBy ?? holder.requestedBy}`
    : holder.requestedBy;
  return `${formatNamespaceRef(holder)} (${by})`;
}
