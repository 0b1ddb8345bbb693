import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { SleepNoticeClaim, SleepNoticeStore } from './SleepNoticeStore';

const NOTICES = 'ns_sleep_notices';

/** Before-sleep notices in the portal database: the primary key makes a claim unique. */
export class KnexSleepNoticeStore implements SleepNoticeStore {
  static create(options: { knex: Knex }): KnexSleepNoticeStore {
    return new KnexSleepNoticeStore(options.knex);
  }

  private constructor(private readonly knex: Knex) {}

  async claim(notice: SleepNoticeClaim): Promise<boolean> {
    try {
      await this.knex(NOTICES).insert({
        cluster_name: notice.cluster,
        namespace_name: notice.namespace,
        due_at: notice.dueAt.getTime(),
        claimed_by: notice.claimedBy,
        claimed_at: notice.claimedAt.getTime(),
      });
      return true;
    } catch (error) {
      if (isDatabaseConflictError(error)) return false;
      throw error;
    }
  }

  async purgeBefore(at: Date): Promise<void> {
    await this.knex(NOTICES).where('due_at', '<', at.getTime()).delete();
  }
}
