import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import { sameNamespace } from '@namespace-scheduler/backstage-plugin-common';
import { Knex } from 'knex';
import {
  OffHoursSlotStore,
  SlotAcquisition,
  SlotClaim,
  SlotHolder,
} from './OffHoursSlotStore';

const SLOTS = 'ns_off_hours_slots';
const BOUNDARIES = 'ns_off_hours_boundaries';
/** Tries beyond the limit; each lost race means another namespace took a slot. */
const EXTRA_ATTEMPTS = 10;

type Row = {
  period_start: number | string;
  scope: string;
  slot: number;
  cluster_name: string;
  namespace_name: string;
  cost_center: string;
  requested_by: string;
  approved_by: string | null;
  schedule_id: string | null;
  acquired_at: number | string;
};

/**
 * Slots in the portal database. Taking one is a plain insert of a free slot
 * number: the unique (period, scope, slot) and (period, namespace) keys let
 * exactly one of concurrent takers win each slot on PostgreSQL and SQLite,
 * across backend instances, without holding locks; a loser re-reads and tries
 * another free number until none is left.
 */
export class KnexOffHoursSlotStore implements OffHoursSlotStore {
  static create(options: { knex: Knex }): KnexOffHoursSlotStore {
    return new KnexOffHoursSlotStore(options.knex);
  }

  private constructor(private readonly knex: Knex) {}

  async acquire(claim: SlotClaim): Promise<SlotAcquisition> {
    for (let attempt = 0; attempt < claim.limit + EXTRA_ATTEMPTS; attempt++) {
      const { own, holders } = await this.current(claim);
      if (own) return { acquired: true, holder: own, isNew: false };
      const taken = new Set(holders.map(holder => holder.slot));
      const free = range(claim.limit).filter(slot => !taken.has(slot));
      if (free.length === 0) return { acquired: false, holders };
      // A random free number spreads concurrent takers over the free slots.
      const slot = free[Math.floor(Math.random() * free.length)];
      const row = toRow(claim, slot);
      if (await this.tryInsert(row)) {
        return { acquired: true, holder: fromRow(row), isNew: true };
      }
    }
    return {
      acquired: false,
      holders: await this.holders(claim.period, claim.scope),
    };
  }

  async release(ref: { cluster: string; namespace: string }, takenBy: Date) {
    await this.knex<Row>(SLOTS)
      .where({ cluster_name: ref.cluster, namespace_name: ref.namespace })
      .where('acquired_at', '<=', takenBy.getTime())
      .delete();
  }

  async holders(period: number, scope?: string): Promise<SlotHolder[]> {
    const rows = await this.knex<Row>(SLOTS)
      .where({ period_start: period, ...(scope && { scope }) })
      .orderBy([{ column: 'scope' }, { column: 'slot' }]);
    return rows.map(fromRow);
  }

  async claimBoundary(
    period: number,
    claimedBy: string,
    at: Date,
  ): Promise<boolean> {
    try {
      await this.knex(BOUNDARIES).insert({
        period_start: period,
        claimed_by: claimedBy,
        claimed_at: at.getTime(),
      });
      return true;
    } catch (error) {
      if (isDatabaseConflictError(error)) return false;
      throw error;
    }
  }

  async purgeBefore(period: number): Promise<void> {
    await this.knex<Row>(SLOTS).where('period_start', '<', period).delete();
  }

  /** The namespace's slot this period, and the holders of its scope. */
  private async current(claim: SlotClaim) {
    const rows = await this.knex<Row>(SLOTS)
      .where({ period_start: claim.period })
      .andWhere(query =>
        query.where({ scope: claim.scope }).orWhere({
          cluster_name: claim.cluster,
          namespace_name: claim.namespace,
        }),
      );
    const holders = rows.map(fromRow);
    const own = holders.find(h => sameNamespace(h, claim));
    return { own, holders: holders.filter(h => h.scope === claim.scope) };
  }

  /** False when another taker won the slot (or the namespace) first. */
  private async tryInsert(row: Row): Promise<boolean> {
    try {
      await this.knex<Row>(SLOTS).insert(row);
      return true;
    } catch (error) {
      if (isDatabaseConflictError(error)) return false;
      throw error;
    }
  }
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i + 1);
}

function toRow(claim: SlotClaim, slot: number): Row {
  return {
    period_start: claim.period,
    scope: claim.scope,
    slot,
    cluster_name: claim.cluster,
    namespace_name: claim.namespace,
    cost_center: claim.costCenter,
    requested_by: claim.requestedBy,
    approved_by: claim.approvedBy ?? null,
    schedule_id: claim.scheduleId ?? null,
    acquired_at: claim.acquiredAt.getTime(),
  };
}

function fromRow(row: Row): SlotHolder {
  return {
    cluster: row.cluster_name,
    namespace: row.namespace_name,
    scope: row.scope,
    slot: row.slot,
    costCenter: row.cost_center,
    requestedBy: row.requested_by,
    ...(row.approved_by !== null && { approvedBy: row.approved_by }),
    ...(row.schedule_id !== null && { scheduleId: row.schedule_id }),
    acquiredAt: new Date(Number(row.acquired_at)),
  };
}
