import { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import {
  formatNamespaceRef,
  overrideAt,
  Schedule,
} from '@namespace-scheduler/backstage-plugin-common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { forEachLimited } from '../concurrency/forEachLimited';
import { LeaseWait, NamespaceBusyError, waitingForLeases } from '../leases';
import { Clock, systemClock } from '../time/Clock';
import { planDue } from './duePlan';
import { executeRun, finishRun, RunDeps } from './executeRun';
import { ScheduleStore } from './ScheduleStore';

/** What one tick did. */
export type TickSummary = {
  /** Occurrences this instance claimed and ran (or skipped under an override). */
  claimed: number;
  /** Due schedules another instance claimed first. */
  lost: number;
  succeeded: number;
  failed: number;
  skipped: number;
  /** Older occurrences not run after downtime. */
  missed: number;
  /** Runs an instance claimed and never finished (it stopped), now recorded as failed. */
  abandoned: number;
};

/** Due schedules read per query; a tick reads until none are left. */
const BATCH_SIZE = 500;

/**
 * A run still `claimed` this long after its claim lost its instance: three
 * times the tick's default timeout, after which the portal scheduler has
 * aborted the tick. It is recorded as failed, never run again: the operation
 * may have half happened, and each occurrence runs at most once.
 */
export const ABANDONED_AFTER_MS = 15 * 60_000;

/**
 * Runs due schedules, one tick at a time, from the portal scheduler. Each
 * (schedule, due time) runs once across every backend instance: the claim
 * moves the schedule's next run on only if nobody did since it was read, and
 * the run ledger's unique key backs that up.
 */
export class ScheduleRunner {
  static create(options: {
    store: ScheduleStore;
    operations: RunDeps['operations'];
    logger: LoggerService;
    clock?: Clock;
    /** Operations in flight across namespaces; one at a time per namespace. */
    concurrency?: number;
    instanceId?: string;
    /** Told how late each claimed run starts after its due time (metrics). */
    onLateness?: (seconds: number) => void;
    /** How long a run waits for a namespace another operation holds before it is skipped. */
    leaseWait?: LeaseWait;
  }): ScheduleRunner {
    return new ScheduleRunner(
      {
        store: options.store,
        operations: waitingForLeases(options.operations, options.leaseWait),
        clock: options.clock ?? systemClock,
      },
      options.logger,
      Math.max(1, options.concurrency ?? 8),
      options.instanceId ??
        `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      options.onLateness ?? (() => {}),
    );
  }

  private constructor(
    private readonly deps: RunDeps,
    private readonly logger: LoggerService,
    private readonly concurrency: number,
    private readonly instanceId: string,
    private readonly onLateness: (seconds: number) => void,
  ) {}

  async tick(signal?: AbortSignal): Promise<TickSummary> {
    const summary: TickSummary = {
      claimed: 0,
      lost: 0,
      succeeded: 0,
      failed: 0,
      skipped: 0,
      missed: 0,
      abandoned: 0,
    };
    const now = this.deps.clock.now();
    summary.abandoned = await this.failAbandoned(now);
    const seen = new Set<string>();
    for (;;) {
      const found = await this.deps.store.findDue(now, BATCH_SIZE);
      // A schedule still due after its turn (a failed claim) is not retried this tick.
      const due = found.filter(schedule => !seen.has(schedule.id));
      due.forEach(schedule => seen.add(schedule.id));
      await forEachLimited(byNamespace(due), this.concurrency, async group => {
        for (const schedule of group) {
          if (signal?.aborted) return;
          await this.runDue(schedule, now, summary);
        }
      });
      if (found.length < BATCH_SIZE || due.length === 0 || signal?.aborted)
        break;
    }
    if (summary.claimed + summary.missed + summary.abandoned > 0) {
      this.logger.info('Schedule runner tick', summary);
    }
    return summary;
  }

  private async failAbandoned(now: Date): Promise<number> {
    const stale = await this.deps.store.staleClaims(
      new Date(now.getTime() - ABANDONED_AFTER_MS),
    );
    for (const claim of stale) {
      await this.deps.store.finish({
        ...claim,
        outcome: 'failed',
        message: `abandoned: claimed by ${
          claim.claimedBy
        } at ${claim.claimedAt.toISOString()}, which stopped before recording an outcome`,
        finishedAt: now,
      });
    }
    return stale.length;
  }

  private async runDue(schedule: Schedule, now: Date, summary: TickSummary) {
    const plan = planDue(schedule, now);
    const expectedNextRun = new Date(Date.parse(schedule.next_run ?? ''));
    if (!plan.due) {
      await this.deps.store.reschedule(schedule.id, expectedNextRun, plan.next);
      return;
    }
    const runId = await this.deps.store.claim({
      scheduleId: schedule.id,
      dueAt: new Date(plan.due.at),
      trigger: 'schedule',
      operation: plan.due.operation,
      claimedBy: this.instanceId,
      claimedAt: now,
      advance: {
        expectedNextRun,
        next: plan.next,
        missed: plan.missed,
        missedCount: plan.missedCount,
      },
    });
    if (!runId) {
      summary.lost++;
      return;
    }
    summary.claimed++;
    summary.missed += plan.missedCount;
    const dueAt = new Date(plan.due.at).getTime();
    this.onLateness((this.deps.clock.now().getTime() - dueAt) / 1000);
    const run = {
      schedule,
      transition: plan.due,
      runId,
      trigger: 'schedule' as const,
      requestedBy: 'scheduler',
    };
    try {
      const holder = overrideAt(
        await this.deps.store.list(schedule),
        plan.due.at,
      );
      if (holder && schedule.kind !== 'override') {
        const message = `held by override "${holder.title}" (${holder.id})`;
        await finishRun(this.deps, run, { outcome: 'skipped', message });
        summary.skipped++;
        return;
      }
      summary[(await executeRun(this.deps, run)).outcome]++;
    } catch (error) {
      if (error instanceof NamespaceBusyError) {
        summary.skipped++;
        this.logger.info(`Schedule ${schedule.id} skipped: ${error.message}`);
        return;
      }
      summary.failed++;
      this.logger.error(
        `Schedule ${schedule.id} (${schedule.title}) failed to run`,
        isError(error) ? error : new Error(String(error)),
      );
    }
  }
}

/** Due schedules grouped per namespace, each group in due order. */
function byNamespace(schedules: Schedule[]): Schedule[][] {
  const groups = new Map<string, Schedule[]>();
  for (const schedule of schedules) {
    const key = formatNamespaceRef(schedule);
    groups.set(key, [...(groups.get(key) ?? []), schedule]);
  }
  return [...groups.values()];
}
