import { ConflictError } from '@backstage/errors';
import { OperationType } from '@namespace-scheduler/backstage-plugin-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import type { JournalEntry } from '../engine/types';
import { Clock, systemClock } from '../time/Clock';
import { INTERRUPTED } from './describeLease';
import {
  AcquireOutcome,
  LeaseRequest,
  LeaseState,
  OperationLease,
  OperationLeaseStore,
} from './OperationLeaseStore';

const LEASES = 'ns_operation_leases';

type LeaseRow = {
  cluster_name: string;
  namespace_name: string;
  operation: OperationType;
  requested_by: string;
  started_at: number | string;
  holder: string;
  token: string;
  expires_at: number | string;
  state: LeaseState;
  journal: string | null;
  reason: string | null;
  updated_at: number | string;
};

/**
 * Leases in the portal database (SQLite, PostgreSQL). Each write is one
 * conditional statement, so it is atomic on both: SQLite runs one writer at
 * a time, and PostgreSQL re-checks an UPDATE's (or ON CONFLICT DO UPDATE's)
 * condition on the row's latest version after waiting for its lock, so of
 * concurrent writers matching one token or one expired row only the first
 * changes it.
 */
export class KnexOperationLeaseStore implements OperationLeaseStore {
  static create(options: {
    knex: Knex;
    clock?: Clock;
  }): KnexOperationLeaseStore {
    return new KnexOperationLeaseStore(
      options.knex,
      options.clock ?? systemClock,
    );
  }

  private constructor(
    private readonly knex: Knex,
    private readonly clock: Clock,
  ) {}

  async acquire(request: LeaseRequest): Promise<AcquireOutcome> {
    // A lease released between our insert and our read: try again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const now = this.clock.now().getTime();
      const row: LeaseRow = {
        cluster_name: request.cluster,
        namespace_name: request.namespace,
        operation: request.operation,
        requested_by: request.requestedBy,
        started_at: now,
        holder: request.holder,
        token: randomUUID(),
        expires_at: now + request.ttlMs,
        state: 'running',
        journal: null,
        reason: null,
        updated_at: now,
      };
      // Insert, or take over a running lease that expired before its holder
      // planned anything; a lease with a journal waits for the repair sweep.
      const won = await this.knex<LeaseRow>(LEASES)
        .insert(row)
        .onConflict(['cluster_name', 'namespace_name'])
        .merge()
        .where(`${LEASES}.state`, 'running')
        .andWhere(`${LEASES}.expires_at`, '<=', now)
        .whereNull(`${LEASES}.journal`)
        .returning('token');
      if (won.length > 0) return { acquired: true, lease: leaseFromRow(row) };
      const current = await this.get(request.cluster, request.namespace);
      if (current) return { acquired: false, current };
    }
    throw new ConflictError(
      `${request.namespace} on ${request.cluster} changed hands too often to acquire; try again`,
    );
  }

  async renew(lease: OperationLease, ttlMs: number): Promise<boolean> {
    const now = this.clock.now().getTime();
    const updated = await this.held(lease)
      .where({ state: 'running' })
      .update({ expires_at: now + ttlMs, updated_at: now });
    return updated > 0;
  }

  async recordJournal(lease: OperationLease, entries: JournalEntry[]) {
    const updated = await this.held(lease)
      .where({ state: 'running' })
      .update({ journal: journalText(entries), updated_at: this.nowMs() });
    if (updated === 0) {
      throw new ConflictError(
        `The lease of ${lease.namespace} on ${lease.cluster} was lost (it expired and another instance took it over)`,
      );
    }
  }

  async clearJournal(lease: OperationLease) {
    await this.held(lease)
      .where({ state: 'running' })
      .update({ journal: null, updated_at: this.nowMs() });
  }

  async markRepair(
    lease: OperationLease,
    entries: JournalEntry[],
    reason: string,
  ): Promise<boolean> {
    const now = this.nowMs();
    // Expired at once: the next sweep, on any instance, may claim it.
    const updated = await this.held(lease).update({
      state: 'repair',
      journal: journalText(entries),
      reason,
      expires_at: now,
      updated_at: now,
    });
    return updated > 0;
  }

  async release(lease: OperationLease): Promise<boolean> {
    return (await this.held(lease).delete()) > 0;
  }

  async pruneExpired(): Promise<number> {
    return this.knex<LeaseRow>(LEASES)
      .where({ state: 'running' })
      .andWhere('expires_at', '<=', this.nowMs())
      .whereNull('journal')
      .delete();
  }

  async listRepairs(): Promise<OperationLease[]> {
    const rows = await this.knex<LeaseRow>(LEASES)
      .where('expires_at', '<=', this.nowMs())
      .whereNotNull('journal')
      .orderBy('updated_at');
    return rows.map(leaseFromRow);
  }

  async claimRepair(
    lease: OperationLease,
    holder: string,
    ttlMs: number,
  ): Promise<OperationLease | undefined> {
    const now = this.nowMs();
    const claim = {
      holder,
      token: randomUUID(),
      state: 'repair' as const,
      reason: lease.reason ?? INTERRUPTED,
    };
    const updated = await this.held(lease)
      .andWhere('expires_at', '<=', now)
      .update({ ...claim, expires_at: now + ttlMs, updated_at: now });
    if (updated === 0) return undefined;
    return { ...lease, ...claim, expiresAt: new Date(now + ttlMs) };
  }

  async deferRepair(lease: OperationLease) {
    const now = this.nowMs();
    await this.held(lease).update({ expires_at: now, updated_at: now });
  }

  async get(
    cluster: string,
    namespace: string,
  ): Promise<OperationLease | undefined> {
    const row = await this.knex<LeaseRow>(LEASES)
      .where({ cluster_name: cluster, namespace_name: namespace })
      .first();
    return row && leaseFromRow(row);
  }

  async list(): Promise<OperationLease[]> {
    return (await this.knex<LeaseRow>(LEASES)).map(leaseFromRow);
  }

  /** The lease's row while its token is still the caller's. */
  private held(lease: OperationLease) {
    return this.knex<LeaseRow>(LEASES).where({
      cluster_name: lease.cluster,
      namespace_name: lease.namespace,
      token: lease.token,
    });
  }

  private nowMs(): number {
    return this.clock.now().getTime();
  }
}

/** An empty journal changes nothing, so it needs no repair either. */
function journalText(entries: JournalEntry[]): string | null {
  return entries.length > 0 ? JSON.stringify(entries) : null;
}

function leaseFromRow(row: LeaseRow): OperationLease {
  return {
    cluster: row.cluster_name,
    namespace: row.namespace_name,
    operation: row.operation,
    requestedBy: row.requested_by,
    startedAt: new Date(Number(row.started_at)),
    holder: row.holder,
    token: row.token,
    expiresAt: new Date(Number(row.expires_at)),
    state: row.state,
    journal: row.journal ? JSON.parse(row.journal) : undefined,
    reason: row.reason ?? undefined,
  };
}
