import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  NamespaceState,
  NamespaceStatus,
  nextTransition,
  ScheduleInput,
} from '@namespace-scheduler/backstage-plugin-common';
import { Knex } from 'knex';
import { NamespaceClaim } from '../catalog/NamespaceCatalog';
import { migrateUp } from '../database/migrations';
import { DEFAULT_BUSINESS_HOURS } from '../offHours/config';
import { createRules } from '../offHours/rules';
import { KnexScheduleStore } from '../schedules';
import { ManualClock } from '../__testUtils__/clock';
import { connectAgain, runnerInstance } from '../__testUtils__/runnerInstance';
import { BeforeSleepNotifier } from './BeforeSleepNotifier';
import { KnexSleepNoticeStore } from './KnexSleepNoticeStore';

jest.setTimeout(60_000);

const SHOP: NamespaceClaim = {
  cluster: 'sandbox',
  namespace: 'shop-dev',
  entityRefs: ['component:default/shop-api'],
  ownerRefs: ['group:default/team-commerce'],
};

const OFFICE: ScheduleInput = {
  kind: 'weekly',
  title: 'Office hours',
  cluster: 'sandbox',
  namespace: 'shop-dev',
  cost_center: 'CC-1001',
  zone: 'Europe/Madrid',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  from: '08:00',
  to: '19:00',
};

// Madrid business hours Mon–Fri 07:00–20:00 (the default), limit 5.
const rules = createRules({
  limit: 5,
  scope: 'global',
  businessHours: DEFAULT_BUSINESS_HOURS,
});

function statusOf(state: NamespaceState): NamespaceStatus {
  return {
    cluster: 'sandbox',
    namespace: 'shop-dev',
    state,
  } as NamespaceStatus;
}

describe('BeforeSleepNotifier', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function setup(options: {
    start: string;
    databaseId?: TestDatabaseId;
    knex?: Knex;
    state?: NamespaceState;
    leadMinutes?: number;
    instanceId?: string;
  }) {
    const knex =
      options.knex ?? (await databases.init(options.databaseId ?? 'SQLITE_3'));
    if (!options.knex) await migrateUp(knex);
    const clock = new ManualClock(options.start);
    const send = jest.fn<
      ReturnType<NotificationService['send']>,
      Parameters<NotificationService['send']>
    >(async () => {});
    const schedules = KnexScheduleStore.create({ knex });
    const state = { current: options.state ?? 'awake' };
    const notifier = BeforeSleepNotifier.create({
      schedules,
      claims: { allClaims: async () => [SHOP] },
      status: { status: async () => statusOf(state.current) },
      rules,
      slots: { holders: async () => [] },
      notices: KnexSleepNoticeStore.create({ knex }),
      notifications: { send },
      logger: mockServices.logger.mock(),
      clock,
      instanceId: options.instanceId ?? 'a',
      leadMinutes: options.leadMinutes ?? 15,
    });
    const add = (input: ScheduleInput) =>
      schedules.create({
        input,
        createdBy: 'user:default/alice',
        at: clock.now(),
        next: nextTransition(input, clock.now().getTime()),
      });
    return { knex, clock, send, notifier, add, state };
  }

  it("tells the owners once, 15 minutes before a schedule's sleep, with why and a keep-awake link", async () => {
    // Thursday 3 Dec, 18:40 in Madrid: Office hours sleep at 19:00 (18:00Z).
    const t = await setup({ start: '2026-12-03T17:40:00Z' });
    await t.add(OFFICE);
    expect(await t.notifier.tick()).toEqual([]);
    t.clock.set('2026-12-03T17:45:00Z');
    const [notice] = await t.notifier.tick();
    expect(notice).toMatchObject({
      at: Date.parse('2026-12-03T18:00:00Z'),
      why: {
        source: 'schedule',
        reason: 'Schedule "Office hours" (Mon–Fri 08:00–19:00 Europe/Madrid)',
      },
    });
    expect(t.send).toHaveBeenCalledTimes(1);
    const [{ recipients, payload }] = t.send.mock.calls[0];
    expect(recipients).toEqual({
      type: 'entity',
      entityRef: ['group:default/team-commerce'],
    });
    expect(payload).toMatchObject({
      title: 'sandbox/shop-dev will be put to sleep at Thu 3 Dec, 19:00 CET',
      topic: 'namespace-scheduler',
      scope: 'namespace-scheduler:before-sleep:sandbox/shop-dev',
      link: '/catalog/default/component/shop-api/namespace-schedule?namespace=sandbox%2Fshop-dev&keepAwakeUntil=2026-12-03T20%3A00%3A00.000Z',
    });
    expect(payload.description).toContain(
      'Schedule "Office hours" (Mon–Fri 08:00–19:00 Europe/Madrid). Keep it awake',
    );
    // Later ticks before the sleep tell nobody again.
    for (let minute = 0; minute < 14; minute++) {
      t.clock.advanceMinutes(1);
      expect(await t.notifier.tick()).toEqual([]);
    }
    expect(t.send).toHaveBeenCalledTimes(1);
  });

  it('tells the owners of an awake namespace without a slot before the off-hours boundary puts it to sleep', async () => {
    // 19:50 in Madrid; business hours end at 20:00 (19:00Z). No schedule.
    const t = await setup({ start: '2026-12-03T18:50:00Z' });
    const [notice] = await t.notifier.tick();
    expect(notice).toMatchObject({
      at: Date.parse('2026-12-03T19:00:00Z'),
      why: {
        source: 'off-hours-boundary',
        reason:
          'Off-hours started (Thu 3 Dec, 20:00 CET; business hours Mon–Fri 07:00–20:00 Europe/Madrid): no off-hours slot held; limit 5 across all clusters',
      },
    });
    expect(t.send.mock.calls[0][0].payload.link).toContain(
      'keepAwakeUntil=2026-12-03T21%3A00%3A00.000Z',
    );
  });

  it("tells the owners before an override's end puts the namespace back to sleep", async () => {
    // 10:00 in Madrid, inside Office hours; the override then holds it awake until 22:00.
    const t = await setup({ start: '2026-12-03T09:00:00Z' });
    await t.add(OFFICE);
    await t.add({
      kind: 'override',
      title: 'Awake until Thu 3 Dec, 22:00 CET',
      cluster: 'sandbox',
      namespace: 'shop-dev',
      cost_center: 'CC-1001',
      zone: 'Europe/Madrid',
      operation: 'wake',
      until: '2026-12-03T22:00:00',
    });
    // 19:00, Office hours' sleep: held back by the override.
    t.clock.set('2026-12-03T17:50:00Z');
    expect(await t.notifier.tick()).toEqual([]);
    t.clock.set('2026-12-03T20:50:00Z');
    const [notice] = await t.notifier.tick();
    expect(notice).toMatchObject({
      at: Date.parse('2026-12-03T21:00:00Z'),
      why: {
        source: 'override',
        reason:
          'Override "Awake until Thu 3 Dec, 22:00 CET" by alice ended: back to what the other schedules ask for',
      },
    });
  });

  it('stays quiet for a namespace a schedule keeps awake, one already asleep, and when turned off', async () => {
    const kept = await setup({ start: '2026-12-03T18:50:00Z' });
    await kept.add({ ...OFFICE, to: '22:00' });
    expect(await kept.notifier.tick()).toEqual([]);

    const asleep = await setup({
      start: '2026-12-03T18:50:00Z',
      state: 'asleep',
    });
    expect(await asleep.notifier.tick()).toEqual([]);

    const off = await setup({ start: '2026-12-03T18:50:00Z', leadMinutes: 0 });
    expect(await off.notifier.tick()).toEqual([]);
    expect([kept, asleep, off].map(t => t.send.mock.calls.length)).toEqual([
      0, 0, 0,
    ]);
  });

  it.each(databases.eachSupportedId())(
    'two runner instances on one database send each notice once, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUp(knex);
      // A second connection pool, as another backend instance has (PostgreSQL).
      const other =
        databaseId === 'POSTGRES_15' ? await connectAgain(knex) : knex;
      try {
        const a = await setup({ start: '2026-12-03T17:30:00Z', knex });
        const b = await setup({
          start: '2026-12-03T17:30:00Z',
          knex: other,
          instanceId: 'b',
        });
        await a.add(OFFICE);
        const runners = [a, b].map(t =>
          runnerInstance({
            knex: t.knex,
            clock: t.clock,
            instanceId: t === a ? 'a' : 'b',
          }),
        );
        // Both tick every minute through the sleep, at the same time.
        for (let minute = 0; minute < 35; minute++) {
          a.clock.advanceMinutes(1);
          b.clock.advanceMinutes(1);
          await Promise.all(
            [a, b].map(async (t, i) => {
              await runners[i].runner.tick();
              await t.notifier.tick();
            }),
          );
        }
        expect(a.send.mock.calls.length + b.send.mock.calls.length).toBe(1);
        const slept = await runners[0].activities.list({ operation: 'sleep' });
        expect(slept.items).toHaveLength(1);
      } finally {
        if (other !== knex) await other.destroy();
      }
    },
  );
});
