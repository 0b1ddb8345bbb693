import { Knex } from 'knex';

/** The advisory lock key of schedule saves (an arbitrary constant of this plugin). */
const SAVE_LOCK_KEY = 7_203_118_104;

/**
 * Serializes schedule saves whose check spans namespaces (the off-hours
 * plan), so two saves cannot both pass against the same old plan. Within a
 * process a queue orders them, so an instance holds at most one extra
 * connection; across instances on PostgreSQL a transaction-scoped advisory
 * lock does, released at commit — after the save's own transaction. SQLite
 * needs only the queue: one backend process owns an SQLite database.
 */
export class SaveLock {
  private tail: Promise<unknown> = Promise.resolve();

  static create(options: { knex: Knex }): SaveLock {
    return new SaveLock(options.knex);
  }

  private constructor(private readonly knex: Knex) {}

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(() => this.acrossInstances(fn));
    this.tail = result.catch(() => undefined);
    return result;
  }

  private acrossInstances<T>(fn: () => Promise<T>): Promise<T> {
    if (this.knex.client.dialect !== 'postgresql') return fn();
    return this.knex.transaction(async trx => {
      await trx.raw('select pg_advisory_xact_lock(?)', [SAVE_LOCK_KEY]);
      return fn();
    });
  }
}
