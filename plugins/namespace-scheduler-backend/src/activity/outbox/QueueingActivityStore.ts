import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import {
  Activity,
  ActivityPage,
  AwakeRecord,
} from '@namespace-scheduler/backstage-plugin-common';
import { KnexActivityOutbox } from './KnexActivityOutbox';
import {
  ActivityEffect,
  ActivityQuery,
  ActivityStore,
  NewActivity,
  ReplayableActivityStore,
} from '@namespace-scheduler/backstage-plugin-node';

/** Queued writes replayed per read of the outbox. */
const FLUSH_BATCH = 50;

/**
 * A remote activity store (DynamoDB) that never costs an operation its
 * record: a write the store cannot take is queued durably in the portal
 * database and replayed, in order, when the store answers again. While
 * anything is queued, new writes queue behind it so the open/close rule sees
 * them in the order they happened.
 */
export class QueueingActivityStore implements ActivityStore {
  static create(options: {
    store: ReplayableActivityStore;
    outbox: KnexActivityOutbox;
    logger: LoggerService;
    /** False for errors that no later attempt would fix: those are thrown. */
    isWorthQueueing(error: unknown): boolean;
  }): QueueingActivityStore {
    return new QueueingActivityStore(
      options.store,
      options.outbox,
      options.logger,
      options.isWorthQueueing,
    );
  }

  private flushing: Promise<number> | undefined;

  private constructor(
    private readonly store: ReplayableActivityStore,
    private readonly outbox: KnexActivityOutbox,
    private readonly logger: LoggerService,
    private readonly isWorthQueueing: (error: unknown) => boolean,
  ) {}

  async record(
    activity: NewActivity,
    effect: ActivityEffect,
  ): Promise<Activity> {
    const prepared = this.store.prepare(activity, effect);
    if (!(await this.outbox.isEmpty())) {
      await this.outbox.enqueue(prepared, effect);
      await this.flush();
      return prepared;
    }
    try {
      await this.store.write(prepared, effect);
    } catch (error) {
      if (!this.isWorthQueueing(error)) throw error;
      this.logger.warn(
        `Activity ${prepared.id} queued in the portal database: ${describe(
          error,
        )}`,
      );
      await this.outbox.enqueue(prepared, effect);
    }
    return prepared;
  }

  async get(id: string): Promise<Activity | undefined> {
    try {
      return (await this.store.get(id)) ?? (await this.outbox.find(id));
    } catch (error) {
      const queued = await this.outbox.find(id);
      if (queued) return queued;
      throw unavailable(error);
    }
  }

  list(query: ActivityQuery): Promise<ActivityPage> {
    return this.readFlushed(() => this.store.list(query));
  }

  periodRecords(
    namespaces: { cluster: string; namespace: string }[],
    from: Date,
  ): Promise<AwakeRecord[]> {
    return this.readFlushed(() => this.store.periodRecords(namespaces, from));
  }

  /** Queued records become visible as soon as the store takes them. */
  private async readFlushed<T>(read: () => Promise<T>): Promise<T> {
    await this.flush();
    try {
      return await read();
    } catch (error) {
      throw unavailable(error);
    }
  }

  /**
   * Replays queued writes oldest first, stopping at the first failure (the
   * order matters to the open/close rule). One replay at a time per
   * instance; replays on several instances are safe as writes are
   * idempotent. Resolves to the number of writes that landed.
   */
  flush(): Promise<number> {
    this.flushing ??= this.drain().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async drain(): Promise<number> {
    let written = 0;
    for (;;) {
      const batch = await this.outbox.peek(FLUSH_BATCH);
      if (batch.length === 0) break;
      for (const entry of batch) {
        try {
          await this.store.write(entry.activity, entry.effect);
        } catch (error) {
          await this.outbox.markFailed(entry.seq, describe(error));
          this.logger.warn(
            `Queued activity writes wait for the store (${describe(error)}); ${
              entry.attempts + 1
            } attempts so far for the oldest`,
          );
          return this.reportWritten(written);
        }
        await this.outbox.remove(entry.seq);
        written++;
      }
    }
    return this.reportWritten(written);
  }

  private reportWritten(written: number): number {
    if (written > 0) {
      this.logger.info(`Wrote ${written} queued activities to the store`);
    }
    return written;
  }
}

/** Bad input stays a 400; anything else means the store cannot answer now. */
function unavailable(error: unknown): Error {
  if (error instanceof InputError) return error;
  return new ServiceUnavailableError(
    `The activity log is unavailable: ${describe(error)}`,
    error,
  );
}

function describe(error: unknown): string {
  return error instanceof Error
    ? `${error.name}: ${error.message}`
    : String(error);
}
