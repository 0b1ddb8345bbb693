import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { migrateUp } from '../database/migrations';
import { ManualClock } from '../__testUtils__/clock';
import { FakeEngine } from '../__testUtils__/fakeEngine';
import { FakeDirectory, governedInstance } from '../__testUtils__/governance';
import { OperationRequest } from '../operations';
import { RequestParts, requestFrom } from '../__testUtils__/operationRequest';

jest.setTimeout(60_000);

// Monday 2026-11-23, 21:00 in Madrid: off-hours until Tuesday 07:00.
const OFF_HOURS = '2026-11-23T20:00:00Z';
const BUSINESS = '2026-11-23T10:00:00Z';
const ALICE = 'user:default/alice';
const namespaces = ['a', 'b', 'c', 'd'];
const directory = new FakeDirectory({
  ...Object.fromEntries(namespaces.map(ns => [`sandbox/${ns}`, ['CC-1']])),
  'other/x': ['CC-1'],
});

const wake = (
  namespace: string,
  overrides: Partial<RequestParts> = {},
): OperationRequest =>
  requestFrom({
    cluster: 'sandbox',
    namespace,
    operation: 'wake',
    costCenter: 'CC-1',
    requestedBy: ALICE,
    ...overrides,
  });

describe('OffHoursGuard', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup(
    options: { start?: string; scope?: 'global' | 'cluster' } = {},
  ) {
    const knex = await databases.init('SQLITE_3');
    await migrateUp(knex);
    const clock = new ManualClock(options.start ?? OFF_HOURS);
    return {
      knex,
      clock,
      ...governedInstance({
        knex,
        clock,
        directory,
        limit: 2,
        scope: options.scope,
      }),
    };
  }

  it('gives off-hours wakes a slot each, refusing the next with 409 naming the holders', async () => {
    const { operations, engine, offHours, activities } = await setup();
    const first = await operations.execute(wake('a'));
    expect(first.activity).toMatchObject({
      approved_by: ALICE,
      requested_by: ALICE,
    });
    await operations.execute(
      wake('b', {
        requestedBy: 'scheduler',
        userId: 'user:default/bob',
        scheduleId: 's-1',
      }),
    );
    // Waking a holder again needs no new slot.
    await operations.execute(wake('a'));

    const refused = operations.execute(wake('c'));
    await expect(refused).rejects.toThrow(ConflictError);
    await expect(operations.execute(wake('c'))).rejects.toThrow(
      /Off-hours limit reached: at most 2 namespaces may be awake across all clusters outside business hours \(mon,tue,wed,thu,fri 07:00–20:00 Europe\/Madrid\); the slots are held by (sandbox\/a \(user:default\/alice\)|sandbox\/b \(a schedule of user:default\/bob\)), .*sandbox\/c may wake when one of them sleeps, or at 2026-11-24T07:00:00.000\+01:00 when business hours start/,
    );
    await expect(
      operations.execute(wake('d', { dryRun: true })),
    ).rejects.toThrow(ConflictError);
    expect([...engine.awake].sort()).toEqual(['sandbox/a', 'sandbox/b']);
    expect((await activities.list({ namespace: 'c' })).items).toEqual([]);

    const status = await offHours.status();
    expect(status).toMatchObject({
      off_hours: true,
      limit: 2,
      used: { global: 2 },
    });
    expect(status.slots.find(s => s.namespace === 'b')).toMatchObject({
      requested_by: 'scheduler',
      approved_by: 'user:default/bob',
      schedule_id: 's-1',
    });

    await operations.execute(wake('a', { operation: 'sleep' }));
    await expect(
      operations.execute(wake('c', { operation: 'scale', replicas: 2 })),
    ).resolves.toBeDefined();
    await expect(
      operations.execute(wake('d', { operation: 'scale', replicas: 0 })),
    ).resolves.toBeDefined();
  });

  it('needs no slot during business hours', async () => {
    const { operations, engine } = await setup({ start: BUSINESS });
    for (const ns of namespaces) await operations.execute(wake(ns));
    expect(engine.awake.size).toBe(4);
  });

  it('returns the slot of a wake that failed and was rolled back', async () => {
    const { knex, clock } = await setup();
    const engine = new FakeEngine();
    engine.behaviour = call => (call.namespace === 'a' ? 'fail' : 'succeed');
    const { operations, offHours } = governedInstance({
      knex,
      clock,
      directory,
      limit: 2,
      engine,
    });
    const failed = await operations.execute(wake('a'));
    expect(failed.result.success).toBe(false);
    expect(failed.activity?.approved_by).toBe(ALICE);
    expect((await offHours.status()).slots).toEqual([]);
  });

  it('counts each cluster apart with the per-cluster scope', async () => {
    const { operations, offHours } = await setup({ scope: 'cluster' });
    await operations.execute(wake('a'));
    await operations.execute(wake('b'));
    await operations.execute(wake('x', { cluster: 'other' }));
    await expect(operations.execute(wake('c'))).rejects.toThrow(
      /may be awake in cluster sandbox/,
    );
    expect((await offHours.status()).used).toEqual({
      'cluster:other': 1,
      'cluster:sandbox': 2,
    });
  });

  it('shows the slots now and who schedules keep awake in each coming off-hours period', async () => {
    const { operations, offHours, schedules } = await setup({
      start: BUSINESS,
    });
    await schedules.create(
      {
        kind: 'weekly',
        title: 'Late',
        cluster: 'sandbox',
        namespace: 'c',
        cost_center: 'CC-1',
        zone: 'Europe/Madrid',
        days: ['tue'],
        from: '19:00',
        to: '22:00',
      },
      mockCredentials.user(ALICE),
    );
    await operations.execute(wake('a'));
    const plan = await offHours.plan(
      mockCredentials.user('user:default/carol'),
      2,
    );
    expect(plan).toMatchObject({
      off_hours: false,
      period: { start: '2026-11-23T20:00:00.000+01:00' },
    });
    expect(
      plan.upcoming.map(p => [
        p.start,
        p.end,
        p.namespaces.map(n => n.namespace),
        p.peak,
      ]),
    ).toEqual([
      [
        '2026-11-23T20:00:00.000+01:00',
        '2026-11-24T07:00:00.000+01:00',
        [],
        {},
      ],
      [
        '2026-11-24T20:00:00.000+01:00',
        '2026-11-25T07:00:00.000+01:00',
        ['c'],
        { global: 1 },
      ],
    ]);
    expect(plan.upcoming[1].namespaces[0].awake).toEqual([
      {
        from: '2026-11-24T20:00:00.000+01:00',
        to: '2026-11-24T22:00:00.000+01:00',
      },
    ]);
  });
});
