import {
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { forEachLimited } from '../concurrency/forEachLimited';
import type { NamespaceOperations } from '../engine';
import type { RepairOutcome } from '../engine/types';
import { Clock, systemClock } from '../time/Clock';
import { instanceId } from './instanceId';
import { OperationLease, OperationLeaseStore } from './OperationLeaseStore';
import {
  formatNamespaceRef,
  type ManagedNamespaceRef,
} from '@namespace-scheduler/backstage-plugin-common';

export const REPAIR_TASK_ID = 'namespace-scheduler-repair';

/**
 * Every 30 s, starting at once: with a sweep this often a repair completes
 * well within 2 minutes of its cluster answering again.
 */
export const DEFAULT_REPAIR_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { seconds: 30 },
  timeout: { minutes: 10 },
};

/** What one sweep did. */
export type SweepSummary = {
  /** Expired leases with nothing to repair, deleted. */
  pruned: number;
  repaired: number;
  /** Still unrepaired (the cluster does not answer yet); tried again next sweep. */
  pending: number;
  /** Taken by another instance's sweep first. */
  lost: number;
};

/**
 * Repairs namespaces whose operations left changes behind: each lease in
 * `repair` (or whose holder died mid-operation) is claimed with a new token,
 * so one sweep across all instances works on it at a time, and the engine
 * undoes its journal. Done, the lease is deleted and the namespace is free;
 * not done, the claim is given back for the next sweep.
 */
export class RepairSweep {
  /** When each pending namespace was last logged, so a long outage logs once a minute. */
  private readonly lastLogged = new Map<string, number>();

  static create(options: {
    store: OperationLeaseStore;
    engine: Pick<NamespaceOperations, 'repair'>;
    logger: LoggerService;
    clock?: Clock;
    holder?: string;
    /** How long a claim keeps other sweeps off a namespace: longer than one repair takes. */
    claimTtlMs?: number;
    /** Repairs in flight at once (one per namespace). */
    concurrency?: number;
    /** Told of each namespace repaired, once its lease is gone; must not throw. */
    onRepaired?: (ref: ManagedNamespaceRef) => Promise<void>;
  }): RepairSweep {
    return new RepairSweep(
      options.store,
      options.engine,
      options.logger,
      options.clock ?? systemClock,
      options.holder ?? instanceId(),
      options.claimTtlMs ?? 5 * 60_000,
      options.concurrency ?? 4,
      options.onRepaired,
    );
  }

  private constructor(
    private readonly store: OperationLeaseStore,
    private readonly engine: Pick<NamespaceOperations, 'repair'>,
    private readonly logger: LoggerService,
    private readonly clock: Clock,
    private readonly holder: string,
    private readonly claimTtlMs: number,
    private readonly concurrency: number,
    private readonly onRepaired?: (ref: ManagedNamespaceRef) => Promise<void>,
  ) {}

  async sweep(): Promise<SweepSummary> {
    const summary = { pruned: 0, repaired: 0, pending: 0, lost: 0 };
    summary.pruned = await this.store.pruneExpired();
    const leases = await this.store.listRepairs();
    await forEachLimited(leases, this.concurrency, async lease => {
      summary[await this.repair(lease)]++;
    });
    return summary;
  }

  private async repair(
    lease: OperationLease,
  ): Promise<'repaired' | 'pending' | 'lost'> {
    const claimed = await this.store.claimRepair(
      lease,
      this.holder,
      this.claimTtlMs,
    );
    if (!claimed) return 'lost';
    const where = `${lease.namespace} on ${lease.cluster}`;
    const logger = this.logger.child({
      cluster: lease.cluster,
      namespace: lease.namespace,
    });
    const outcome = await this.engine
      .repair(lease.cluster, lease.namespace, claimed.journal ?? [], { logger })
      .catch(
        (error): RepairOutcome => ({
          done: false,
          restored: 0,
          leftAlone: [],
          errors: [error instanceof Error ? error.message : String(error)],
        }),
      );
    const key = formatNamespaceRef(lease);
    if (outcome.done) {
      await this.store.release(claimed);
      this.lastLogged.delete(key);
      await this.onRepaired?.(lease);
      const leftAlone = outcome.leftAlone.length
        ? `; left alone, changed since by someone else: ${outcome.leftAlone.join(
            ', ',
          )}`
        : '';
      logger.info(
        `Repaired ${where} after a ${
          lease.operation
        } at ${lease.startedAt.toISOString()}: restored ${
          outcome.restored
        } change(s)${leftAlone}`,
      );
      return 'repaired';
    }
    await this.store.deferRepair(claimed);
    const now = this.clock.now().getTime();
    if (now - (this.lastLogged.get(key) ?? -Infinity) >= 60_000) {
      this.lastLogged.set(key, now);
      logger.warn(
        `${where} still needs repair (${
          claimed.journal?.length ?? 0
        } change(s) of a ${lease.operation}); retrying every sweep: ${summarize(
          outcome.errors,
        )}`,
      );
    }
    return 'pending';
  }
}

/** A long outage fails every change alike: the first few say why. */
function summarize(errors: string[]): string {
  const shown = errors.slice(0, 3).join('; ');
  return errors.length > 3 ? `${shown}; and ${errors.length - 3} more` : shown;
}
