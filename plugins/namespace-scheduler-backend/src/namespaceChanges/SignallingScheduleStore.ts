import type {
  Schedule,
  ScheduleTransition,
} from '@namespace-scheduler/backstage-plugin-common';
import type {
  NewSchedule,
  OverrideEnding,
  RunClaim,
  RunFinish,
  ScheduleStore,
  ScheduleUpdate,
  SiblingCheck,
} from '../schedules';
import type { NamespaceChangePublisher } from './NamespaceChangePublisher';

/**
 * A schedule store that signals its namespace's change after each write
 * that changes what a page shows: a schedule or override created, replaced,
 * deleted or withdrawn, an override ended by an operation (or put back when
 * it failed), a schedule moved on past an empty occurrence, or a run
 * finished (its counts and last run; the runner's claim moved its next run
 * before). Wrapping the store catches every writer: the API, overrides,
 * manual runs, operations and the runner.
 */
export class SignallingScheduleStore implements ScheduleStore {
  static wrap(
    store: ScheduleStore,
    changes: Pick<NamespaceChangePublisher, 'publish'>,
  ): SignallingScheduleStore {
    return new SignallingScheduleStore(store, changes);
  }

  private constructor(
    private readonly store: ScheduleStore,
    private readonly changes: Pick<NamespaceChangePublisher, 'publish'>,
  ) {}

  async create(schedule: NewSchedule, check?: SiblingCheck) {
    return this.signalled(await this.store.create(schedule, check));
  }

  async replace(id: string, update: ScheduleUpdate, check?: SiblingCheck) {
    return this.signalled(await this.store.replace(id, update, check));
  }

  async delete(id: string): Promise<boolean> {
    const existing = await this.store.get(id);
    const deleted = await this.store.delete(id);
    if (deleted && existing) await this.signalled(existing);
    return deleted;
  }

  async withdrawOverride(
    id: string,
    nextOf: (schedule: Schedule) => NewSchedule['next'],
  ): Promise<void> {
    const existing = await this.store.get(id);
    await this.store.withdrawOverride(id, nextOf);
    if (existing) await this.signalled(existing);
  }

  async endOverride(ending: OverrideEnding) {
    const ended = await this.store.endOverride(ending);
    if (ended) await this.signalled(ended);
    return ended;
  }

  async reinstateOverride(override: Schedule, endedAt: Date): Promise<void> {
    await this.store.reinstateOverride(override, endedAt);
    await this.signalled(override);
  }

  async reschedule(
    scheduleId: string,
    expectedNextRun: Date,
    next?: ScheduleTransition,
  ): Promise<void> {
    await this.store.reschedule(scheduleId, expectedNextRun, next);
    await this.signalById(scheduleId);
  }

  async finish(run: RunFinish): Promise<void> {
    await this.store.finish(run);
    await this.signalById(run.scheduleId);
  }

  get(id: string) {
    return this.store.get(id);
  }

  list(filter?: { cluster?: string; namespace?: string }) {
    return this.store.list(filter);
  }

  findDue(now: Date, limit: number) {
    return this.store.findDue(now, limit);
  }

  /** Not signalled: a claimed run is finished (and signalled) right after it ran. */
  claim(claim: RunClaim) {
    return this.store.claim(claim);
  }

  staleClaims(claimedBefore: Date) {
    return this.store.staleClaims(claimedBefore);
  }

  listRuns(scheduleId: string, limit: number) {
    return this.store.listRuns(scheduleId, limit);
  }

  private async signalled(schedule: Schedule): Promise<Schedule> {
    await this.changes.publish(schedule, 'schedules');
    return schedule;
  }

  private async signalById(id: string) {
    const schedule = await this.store.get(id);
    if (schedule) await this.signalled(schedule);
  }
}
