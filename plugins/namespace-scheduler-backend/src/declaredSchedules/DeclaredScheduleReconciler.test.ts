import {
  mockCredentials,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  nextTransition,
  ScheduleInput,
} from '@namespace-scheduler/backstage-plugin-common';
import { Knex } from 'knex';
import { migrateUp } from '../database/migrations';
import { NamespaceChangePublisher } from '../namespaceChanges';
import { KnexScheduleStore } from '../schedules';
import { ManualClock } from '../__testUtils__/clock';
import { connectAgain } from '../__testUtils__/runnerInstance';
import {
  component,
  declaredHarness,
  group,
} from './__testUtils__/declaredHarness';

jest.setTimeout(60_000);

/** A Monday, 11:00 in Madrid. */
const AT = '2026-11-23T10:00:00Z';
const SCHEDULE = 'namespace-scheduler/schedule';
const SHOP = 'component:default/shop-api';
const OFFICE = 'Mon-Fri 07:00-20:00 Europe/Madrid';
/** Whoever asks: the test permissions allow everything. */
const ALL = mockCredentials.user();

const MORNINGS: ScheduleInput = {
  title: 'Mornings',
  cluster: 'sandbox',
  namespace: 'shop-dev',
  cost_center: 'CC-1001',
  zone: 'Europe/Madrid',
  kind: 'weekly',
  days: ['mon', 'tue'],
  from: '09:00',
  to: '12:00',
};

type Changes = Pick<NamespaceChangePublisher, 'publish'>;

describe('DeclaredScheduleReconciler', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function setup(
    databaseId: TestDatabaseId,
    entities: Entity[],
    changes?: Changes,
  ) {
    const knex = await databases.init(databaseId);
    await migrateUp(knex);
    return instance(knex, entities, changes);
  }

  function instance(knex: Knex, entities: Entity[], changes?: Changes) {
    const clock = new ManualClock(AT);
    const store = KnexScheduleStore.create({ knex });
    const harness = declaredHarness({
      knex,
      clock,
      entities,
      store,
      holidayCalendars: { spain: ['2026-12-08', '2026-12-25'] },
      changes,
    });
    return { knex, clock, store, entities, ...harness };
  }

  it.each(databases.eachSupportedId())(
    'creates a weekly schedule per namespace, saved by the entity, and a second pass writes nothing, on %p',
    async databaseId => {
      const entities = [
        component('shop-api', 'sandbox/shop-dev, sandbox/shop-staging', {
          [SCHEDULE]: `${OFFICE} except 2026-12-24,holidays:spain charge CC-1001`,
        }),
      ];
      const env = await setup(databaseId, entities);
      expect(await env.reconciler.reconcile()).toMatchObject({
        created: 2,
        conflicts: 0,
        invalid: 0,
      });
      const stored = await env.store.list();
      expect(stored).toHaveLength(2);
      expect(stored[0]).toMatchObject({
        kind: 'weekly',
        cluster: 'sandbox',
        cost_center: 'CC-1001',
        zone: 'Europe/Madrid',
        days: ['mon', 'tue', 'wed', 'thu', 'fri'],
        from: '07:00',
        to: '20:00',
        except_dates: ['2026-12-08', '2026-12-24', '2026-12-25'],
        created_by: SHOP,
        declared: {
          entity_ref: SHOP,
          text: expect.stringContaining(OFFICE),
          source_url: 'https://git.example.com/shop-api/edit/catalog-info.yaml',
        },
        next_run: expect.any(String),
      });
      expect(stored.map(s => s.namespace).sort()).toEqual([
        'shop-dev',
        'shop-staging',
      ]);

      env.clock.advanceMinutes(5);
      expect(await env.reconciler.reconcile()).toMatchObject({
        created: 0,
        replaced: 0,
        deleted: 0,
        unchanged: 2,
      });
      expect(await env.store.list()).toEqual(stored);

      const states = await env.service.statesOf(SHOP, ALL);
      expect(states).toHaveLength(2);
      expect(states.every(s => s.status === 'applied')).toBe(true);
      expect(states.map(s => s.schedule_id).sort()).toEqual(
        stored.map(s => s.id).sort(),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'replaces a changed entry keeping its id and runs, and deletes removed entries and entities, on %p',
    async databaseId => {
      const entities = [
        component('shop-api', 'sandbox/shop-dev', {
          [SCHEDULE]: `${OFFICE}; Sat 10:00-12:00 UTC`,
        }),
      ];
      const env = await setup(databaseId, entities);
      await env.reconciler.reconcile();
      const office = (await env.store.list()).find(
        s => s.kind === 'weekly' && s.from === '07:00',
      )!;
      await env.store.claim({
        scheduleId: office.id,
        dueAt: new Date('2026-11-23T06:00:00Z'),
        trigger: 'manual',
        claimedBy: 'a',
        claimedAt: new Date(AT),
      });

      entities[0] = component('shop-api', 'sandbox/shop-dev', {
        [SCHEDULE]: 'Mon-Fri 08:00-19:00 Europe/Madrid',
      });
      expect(await env.reconciler.reconcile()).toMatchObject({
        replaced: 1,
        deleted: 1,
      });
      const [replaced, ...others] = await env.store.list();
      expect(others).toEqual([]);
      expect(replaced).toMatchObject({
        id: office.id,
        from: '08:00',
        to: '19:00',
        declared: { text: 'Mon-Fri 08:00-19:00 Europe/Madrid' },
      });
      expect(await env.store.listRuns(office.id, 10)).toHaveLength(1);

      entities.splice(0, 1, component('cart', 'sandbox/cart-dev'));
      expect(await env.reconciler.reconcile()).toMatchObject({ deleted: 1 });
      expect(await env.store.list()).toEqual([]);
      expect(await env.knex('ns_declared_schedule_states')).toEqual([]);

      // A namespace claimed since the last pass: the claim cache is refreshed.
      entities.splice(
        0,
        1,
        component('cart', 'sandbox/cart-dev, sandbox/cart-test', {
          [SCHEDULE]: 'cart-test: Sat 10:00-12:00 UTC',
        }),
      );
      expect(await env.reconciler.reconcile()).toMatchObject({ created: 1 });
    },
  );

  it.each(databases.eachSupportedId())(
    "applies the owning Group's annotation to a Component without one, on %p",
    async databaseId => {
      const team = group('team-a', { [SCHEDULE]: OFFICE });
      const env = await setup(databaseId, [
        component('shop-api', 'sandbox/shop-dev'),
        component('cart', 'sandbox/cart-dev', {
          [SCHEDULE]: 'Sat 10:00-12:00 UTC',
        }),
        team,
      ]);
      await env.reconciler.reconcile();
      const stored = await env.store.list();
      expect(
        stored.map(s => [s.namespace, s.created_by, s.declared?.entity_ref]),
      ).toEqual(
        expect.arrayContaining([
          ['shop-dev', 'group:default/team-a', 'group:default/team-a'],
          ['cart-dev', 'component:default/cart', 'component:default/cart'],
        ]),
      );
      expect(stored).toHaveLength(2);
      expect(
        (await env.service.statesOf('group:default/team-a', ALL)).map(
          s => s.namespace,
        ),
      ).toEqual(['shop-dev']);
    },
  );

  it.each(databases.eachSupportedId())(
    "an invalid entry changes none of the entity's schedules, on %p",
    async databaseId => {
      const entities = [
        component('shop-api', 'sandbox/shop-dev', { [SCHEDULE]: OFFICE }),
      ];
      const env = await setup(databaseId, entities);
      await env.reconciler.reconcile();
      const before = await env.store.list();

      for (const value of [
        'Mon-Fri 06:00-20:00 Europe/Madrid; Funday 07:00-20:00 UTC',
        'Mon-Fri 06:00-20:00 Europe/Madrid except holidays:mars',
        'shop-prod: Mon-Fri 06:00-20:00 Europe/Madrid',
      ]) {
        entities[0] = component('shop-api', 'sandbox/shop-dev', {
          [SCHEDULE]: value,
        });
        expect(await env.reconciler.reconcile()).toMatchObject({
          created: 0,
          replaced: 0,
          deleted: 0,
          invalid: 1,
        });
        expect(await env.store.list()).toEqual(before);
        const states = await env.service.statesOf(SHOP, ALL);
        expect(states).toEqual([
          expect.objectContaining({ status: 'invalid', entity_ref: SHOP }),
        ]);
      }
      expect((await env.service.statesOf(SHOP, ALL))[0].message).toMatch(
        /shop-prod/,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'records a conflict with a UI schedule of the namespace and leaves that schedule alone, on %p',
    async databaseId => {
      const env = await setup(databaseId, [
        component('shop-api', 'sandbox/shop-dev', { [SCHEDULE]: OFFICE }),
      ]);
      const ui = await env.store.create({
        input: MORNINGS,
        createdBy: 'user:default/alice',
        at: new Date(AT),
        next: nextTransition(MORNINGS, Date.parse(AT)),
      });
      expect(await env.reconciler.reconcile()).toMatchObject({
        created: 0,
        conflicts: 1,
      });
      expect(await env.store.list()).toEqual([ui]);
      expect(await env.service.statesOf(SHOP, ALL)).toEqual([
        expect.objectContaining({
          status: 'conflict',
          cluster: 'sandbox',
          namespace: 'shop-dev',
          conflicts_with: { schedule_id: ui.id, title: 'Mornings' },
          message: expect.stringMatching(/overlap/),
        }),
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'records an unauthorized or invalid cost center as a conflict, on %p',
    async databaseId => {
      const entities = [
        component('shop-api', 'sandbox/shop-dev', { [SCHEDULE]: OFFICE }),
      ];
      const env = await setup(databaseId, entities);
      await env.costCenterStore.put({
        costCenter: 'CC-1001',
        isAuthorized: false,
        allowedGroups: [],
        changedBy: 'user:default/admin',
        changedAt: new Date(AT),
      });
      expect(await env.reconciler.reconcile()).toMatchObject({ conflicts: 1 });
      expect(await env.store.list()).toEqual([]);
      const [state] = await env.service.statesOf(SHOP, ALL);
      expect(state).toMatchObject({ status: 'conflict' });
      expect(state.message).toMatch(/CC-1001/);

      entities[0] = component('shop-api', 'sandbox/shop-dev', {
        [SCHEDULE]: `${OFFICE} charge CC-9999`,
      });
      expect(await env.reconciler.reconcile()).toMatchObject({ conflicts: 1 });
      expect((await env.service.statesOf(SHOP, ALL))[0].message).toMatch(
        /CC-9999 is not valid/,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'follows reordered entries: the same schedules, no writes, no conflict; an entry put first is created, the others keep their ids, on %p',
    async databaseId => {
      const MORNING = 'Mon 08:00-12:00 UTC';
      const AFTERNOON = 'Mon 13:00-17:00 UTC';
      const entities = [
        component('shop-api', 'sandbox/shop-dev', {
          [SCHEDULE]: `${MORNING}; ${AFTERNOON}`,
        }),
      ];
      const env = await setup(databaseId, entities);
      await env.reconciler.reconcile();
      const idOf = async () =>
        Object.fromEntries(
          (await env.store.list()).map(s => [
            s.kind === 'weekly' ? `${s.from}-${s.to}` : s.kind,
            s.id,
          ]),
        );
      const before = await idOf();
      const stored = await env.store.list();

      entities[0] = component('shop-api', 'sandbox/shop-dev', {
        [SCHEDULE]: `${AFTERNOON}; ${MORNING}`,
      });
      expect(await env.reconciler.reconcile()).toMatchObject({
        created: 0,
        replaced: 0,
        deleted: 0,
        unchanged: 2,
        conflicts: 0,
      });
      expect(await env.store.list()).toEqual(expect.arrayContaining(stored));

      entities[0] = component('shop-api', 'sandbox/shop-dev', {
        [SCHEDULE]: `Sat 10:00-12:00 UTC; ${AFTERNOON}; ${MORNING}`,
      });
      expect(await env.reconciler.reconcile()).toMatchObject({
        created: 1,
        replaced: 0,
        deleted: 0,
        conflicts: 0,
      });
      expect(await idOf()).toEqual({
        ...before,
        '10:00-12:00': expect.any(String),
      });
      expect(
        (await env.service.statesOf(SHOP, ALL)).map(s => s.status),
      ).toEqual(['applied', 'applied', 'applied']);
    },
  );

  it.each(databases.eachSupportedId())(
    'signals the namespaces once their states are saved, and not when nothing changed, on %p',
    async databaseId => {
      const entities = [
        component('shop-api', 'sandbox/shop-dev', { [SCHEDULE]: OFFICE }),
      ];
      // What a tab reading at each signal would see.
      const seen: Array<[string, string[]]> = [];
      const env = await setup(databaseId, entities, {
        publish: async ref => {
          const states = await env.service.statesOf(SHOP, ALL);
          seen.push([ref.namespace, states.map(s => s.status)]);
        },
      });
      await env.reconciler.reconcile();
      expect(seen).toEqual([['shop-dev', ['applied']]]);

      env.clock.advanceMinutes(5);
      await env.reconciler.reconcile();
      expect(seen).toHaveLength(1);

      entities[0] = component('shop-api', 'sandbox/shop-dev', {
        [SCHEDULE]: 'Funday 07:00-20:00 UTC',
      });
      await env.reconciler.reconcile();
      expect(seen).toEqual([
        ['shop-dev', ['applied']],
        ['shop-dev', ['invalid']],
      ]);
    },
  );

  it('stores one schedule per entry when two instances reconcile at once, on PostgreSQL', async () => {
    const knex = await databases.init('POSTGRES_15');
    await migrateUp(knex);
    const entities = ['a', 'b', 'c', 'd'].map(name =>
      component(name, `sandbox/${name}-dev, sandbox/${name}-test`, {
        [SCHEDULE]: `${OFFICE}; Sat 10:00-12:00 UTC`,
      }),
    );
    const other = await connectAgain(knex);
    try {
      const [first, second] = [
        instance(knex, entities),
        instance(other, entities),
      ];
      await Promise.all([
        first.reconciler.reconcile(),
        second.reconciler.reconcile(),
      ]);
      const stored = await first.store.list();
      expect(stored).toHaveLength(16);
      const states = await Promise.all(
        entities.map(e =>
          first.service.statesOf(`component:default/${e.metadata.name}`, ALL),
        ),
      );
      expect(states.flat().map(s => s.status)).toEqual(
        Array(16).fill('applied'),
      );
    } finally {
      await other.destroy();
    }
  });
});
