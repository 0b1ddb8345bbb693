import { Activity } from '@namespace-scheduler/backstage-plugin-common';
import { ActivityEffect, ActivityStore, NewActivity } from './ActivityStore';

/**
 * A store whose writes can be prepared now and made later: `write` of a
 * prepared activity is idempotent by its id, so an outbox may replay it
 * after an outage, or twice, and it lands exactly once. The plugin's outbox
 * needs this of a store whose writes it queues.
 *
 * @public
 */
export interface ReplayableActivityStore extends ActivityStore {
  /** The activity `record` would return, without writing anything. */
  prepare(activity: NewActivity, effect: ActivityEffect): Activity;
  /** Writes a prepared activity, applying the open/close rule; a replay changes nothing. */
  write(activity: Activity, effect: ActivityEffect): Promise<void>;
}
