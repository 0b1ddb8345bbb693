import { TestDatabases } from '@backstage/backend-test-utils';
import {
  NamespaceChangeKind,
  ScheduleInput,
} from '@namespace-scheduler/backstage-plugin-common';
import { migrateUp } from '../database/migrations';
import { KnexScheduleStore } from '../schedules';
import { SignallingScheduleStore } from './SignallingScheduleStore';

jest.setTimeout(60_000);

const AT = new Date('2026-11-22T12:00:00Z');
const cron: ScheduleInput = {
  kind: 'cron',
  title: 'Nightly sleep',
  cluster: 'sandbox',
  namespace: 'shop-dev',
  cost_center: 'CC-1001',
  zone: 'Europe/Madrid',
  cron: '0 20 * * *',
  operation: 'sleep',
};
const NEXT = {
  at: Date.parse('2026-11-22T19:00:00Z'),
  operation: 'sleep' as const,
};

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** The real store on SQLite, wrapped; each signal as `cluster/namespace change`. */
async function setup() {
  const knex = await databases.init('SQLITE_3');
  await migrateUp(knex);
  const signals: string[] = [];
  const store = SignallingScheduleStore.wrap(
    KnexScheduleStore.create({ knex }),
    {
      publish: async (ref, change: NamespaceChangeKind) => {
        signals.push(`${ref.cluster}/${ref.namespace} ${change}`);
      },
    },
  );
  const created = await store.create({
    input: cron,
    createdBy: 'user:default/alice',
    at: AT,
    next: NEXT,
  });
  return { store, signals, created };
}

describe('SignallingScheduleStore', () => {
  it("signals the schedule's namespace when a schedule is created, replaced or deleted", async () => {
    const { store, signals, created } = await setup();
    await store.replace(created.id, {
      input: { ...cron, cron: '0 21 * * *' },
      at: AT,
      next: NEXT,
    });
    expect(await store.delete(created.id)).toBe(true);
    expect(await store.delete(created.id)).toBe(false);

    expect(signals).toEqual([
      'sandbox/shop-dev schedules',
      'sandbox/shop-dev schedules',
      'sandbox/shop-dev schedules',
    ]);
  });

  it('signals a finished run (its counts), not its claim, and nothing for reads', async () => {
    const { store, signals, created } = await setup();
    signals.length = 0;
    const claim = {
      scheduleId: created.id,
      dueAt: new Date(NEXT.at),
      trigger: 'schedule' as const,
      claimedBy: 'instance-a',
      claimedAt: new Date(NEXT.at),
      advance: {
        expectedNextRun: new Date(NEXT.at),
        missed: [],
        missedCount: 0,
      },
    };
    const runId = await store.claim(claim);
    await store.list({ cluster: 'sandbox' });
    await store.get(created.id);
    expect(signals).toEqual([]);

    await store.finish({
      ...claim,
      runId: runId!,
      operation: 'sleep',
      outcome: 'succeeded',
      finishedAt: new Date(NEXT.at + 5_000),
    });

    expect(signals).toEqual(['sandbox/shop-dev schedules']);
    expect((await store.get(created.id))?.run_count).toBe(1);
  });

  it('signals a withdrawn override and a schedule moved on past an empty occurrence', async () => {
    const { store, signals, created } = await setup();
    const override = await store.create({
      input: { ...cron, kind: 'override', title: 'Hold', operation: 'wake' },
      createdBy: 'user:default/alice',
      at: AT,
    });
    signals.length = 0;

    await store.withdrawOverride(override.id, () => undefined);
    await store.reschedule(created.id, new Date(NEXT.at), {
      ...NEXT,
      at: NEXT.at + 86_400_000,
    });

    expect(signals).toEqual([
      'sandbox/shop-dev schedules',
      'sandbox/shop-dev schedules',
    ]);
  });

  it('signals an override an operation ended, and one put back after that operation failed, but not an ending that found none', async () => {
    const { store, signals } = await setup();
    const override = await store.create({
      input: { ...cron, kind: 'override', title: 'Hold', operation: 'wake' },
      createdBy: 'user:default/alice',
      at: AT,
    });
    signals.length = 0;
    const ending = {
      cluster: 'sandbox',
      namespace: 'shop-dev',
      at: new Date(AT.getTime() + 60_000),
      by: 'user:default/bob',
    };

    const ended = await store.endOverride({
      ...ending,
      ends: schedules => schedules.find(s => s.id === override.id),
    });
    await store.reinstateOverride(ended!, ending.at);
    await store.endOverride({ ...ending, ends: () => undefined });

    expect(signals).toEqual([
      'sandbox/shop-dev schedules',
      'sandbox/shop-dev schedules',
    ]);
  });
});
