import { Activity } from '@namespace-scheduler/backstage-plugin-common';
import { Knex } from 'knex';
import { ActivityEffect } from '@namespace-scheduler/backstage-plugin-node';

const TABLE = 'ns_activity_outbox';

type Row = {
  seq: number;
  activity_id: string;
  activity: string;
  effect: ActivityEffect;
  enqueued_at: number | string;
  attempts: number;
  last_error: string | null;
};

export type OutboxEntry = {
  seq: number;
  activity: Activity;
  effect: ActivityEffect;
  attempts: number;
};

/** Activity writes waiting in the portal database, oldest first. */
export class KnexActivityOutbox {
  static create(options: { knex: Knex }): KnexActivityOutbox {
    return new KnexActivityOutbox(options.knex);
  }

  private constructor(private readonly knex: Knex) {}

  /** Queues a write once; queueing the same activity again changes nothing. */
  async enqueue(activity: Activity, effect: ActivityEffect): Promise<void> {
    await this.knex<Row>(TABLE)
      .insert({
        activity_id: activity.id,
        activity: JSON.stringify(activity),
        effect,
        enqueued_at: Date.now(),
      })
      .onConflict('activity_id')
      .ignore();
  }

  async isEmpty(): Promise<boolean> {
    return !(await this.knex<Row>(TABLE).first('seq'));
  }

  async size(): Promise<number> {
    const [{ count }] = await this.knex<Row>(TABLE).count({ count: '*' });
    return Number(count);
  }

  async peek(limit: number): Promise<OutboxEntry[]> {
    const rows = await this.knex<Row>(TABLE).orderBy('seq').limit(limit);
    return rows.map(row => ({
      seq: row.seq,
      activity: JSON.parse(row.activity) as Activity,
      effect: row.effect,
      attempts: row.attempts,
    }));
  }

  async find(id: string): Promise<Activity | undefined> {
    const row = await this.knex<Row>(TABLE).where({ activity_id: id }).first();
    return row && (JSON.parse(row.activity) as Activity);
  }

  async remove(seq: number): Promise<void> {
    await this.knex<Row>(TABLE).where({ seq }).delete();
  }

  async markFailed(seq: number, error: string): Promise<void> {
    await this.knex<Row>(TABLE)
      .where({ seq })
      .update({ last_error: error, attempts: this.knex.raw('attempts + 1') });
  }
}
