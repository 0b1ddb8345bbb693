import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  Activity,
  ActivityPage,
  AwakeRecord,
  awakeRecordOf,
} from '@namespace-scheduler/backstage-plugin-common';
import {
  ActivityEffect,
  NewActivity,
  prepareActivity,
  ReplayableActivityStore,
} from '@namespace-scheduler/backstage-plugin-node';
import { mockOperationResult } from '@namespace-scheduler/backstage-plugin-node/testUtils';
import { migrateUp } from '../../database/migrations';
import { KnexActivityOutbox } from './KnexActivityOutbox';
import { QueueingActivityStore } from './QueueingActivityStore';

const SHOP_DEV = { cluster: 'sandbox', namespace: 'shop-dev' };
const T0 = Date.parse('2026-11-23T07:00:00Z');

function newActivity(minutes: number): NewActivity {
  const at = new Date(T0 + minutes * 60_000);
  return {
    ...SHOP_DEV,
    operation: 'wake',
    costCenter: 'CC-1001',
    requestedBy: 'scheduler',
    timestampStart: at,
    timestampEnd: at,
    result: mockOperationResult({ operation: 'wake', ...SHOP_DEV }),
  };
}

/** A remote store that fails every call while `down`, as a module's store would in an outage. */
class FlakyStore implements ReplayableActivityStore {
  down = false;
  failure: Error = new Error('connect ECONNREFUSED');
  readonly written: Activity[] = [];

  prepare(activity: NewActivity, effect: ActivityEffect): Activity {
    return prepareActivity(activity, effect);
  }
  async record(activity: NewActivity, effect: ActivityEffect) {
    const prepared = this.prepare(activity, effect);
    await this.write(prepared);
    return prepared;
  }
  async write(activity: Activity): Promise<void> {
    this.answer();
    if (!this.written.some(a => a.id === activity.id)) {
      this.written.push(activity);
    }
  }
  async get(id: string) {
    this.answer();
    return this.written.find(a => a.id === id);
  }
  async list(): Promise<ActivityPage> {
    this.answer();
    return { items: [...this.written].reverse() };
  }
  async periodRecords(): Promise<AwakeRecord[]> {
    this.answer();
    return this.written.map(awakeRecordOf);
  }
  private answer() {
    if (this.down) throw this.failure;
  }
}

describe('QueueingActivityStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup() {
    const knex = await databases.init('SQLITE_3');
    await migrateUp(knex);
    const remote = new FlakyStore();
    const outbox = KnexActivityOutbox.create({ knex });
    const store = QueueingActivityStore.create({
      store: remote,
      outbox,
      logger: mockServices.logger.mock(),
      isWorthQueueing: error => !(error instanceof TypeError),
    });
    return { remote, outbox, store };
  }

  it('queues what the store cannot take, says reads are unavailable, and serves queued records by id', async () => {
    const { remote, outbox, store } = await setup();
    remote.down = true;
    const first = await store.record(newActivity(0), 'open');
    const second = await store.record(newActivity(1), 'none');
    expect(await outbox.size()).toBe(2);
    await expect(store.list({})).rejects.toThrow(ServiceUnavailableError);
    await expect(store.periodRecords([SHOP_DEV], new Date(T0))).rejects.toThrow(
      ServiceUnavailableError,
    );
    expect(await store.get(first.id)).toEqual(first);

    remote.down = false;
    // Writes wait behind the queue, so the store sees them in order.
    const third = await store.record(newActivity(2), 'none');
    expect(remote.written.map(a => a.id)).toEqual([
      first.id,
      second.id,
      third.id,
    ]);
    expect(await outbox.isEmpty()).toBe(true);
  });

  it('replays the queue before a read, and on flush', async () => {
    const { remote, outbox, store } = await setup();
    const queued = prepareActivity(newActivity(0), 'open');
    await outbox.enqueue(queued, 'open');
    expect(await store.periodRecords([SHOP_DEV], new Date(T0))).toEqual([
      awakeRecordOf(queued),
    ]);
    expect(await outbox.isEmpty()).toBe(true);

    remote.down = true;
    await store.record(newActivity(1), 'none');
    expect(await store.flush()).toBe(0);
    expect((await outbox.peek(1))[0]).toMatchObject({ attempts: 1 });
    remote.down = false;
    expect(await store.flush()).toBe(1);
  });

  it('throws the errors the module says no retry would fix', async () => {
    const { remote, outbox, store } = await setup();
    remote.down = true;
    remote.failure = new TypeError('item too large');
    await expect(store.record(newActivity(0), 'none')).rejects.toThrow(
      'item too large',
    );
    expect(await outbox.isEmpty()).toBe(true);
  });
});
