import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import fc from 'fast-check';
import { KnexActivityStore } from '../activity';
import { migrateUp } from '../database/migrations';
import { ManualClock } from '../__testUtils__/clock';
import { FakeBehaviour, FakeEngine } from '../__testUtils__/fakeEngine';
import { OperationRequest, OperationService } from '.';
import { RequestParts, requestFrom } from '../__testUtils__/operationRequest';

jest.setTimeout(60_000);

const START = '2026-11-23T07:00:00Z';

const request = (overrides: Partial<RequestParts>): OperationRequest =>
  requestFrom({
    cluster: 'sandbox',
    namespace: 'shop-dev',
    operation: 'wake',
    costCenter: 'CC-1001',
    requestedBy: 'user:default/alice',
    ...overrides,
  });

describe('OperationService', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function setup(databaseId: TestDatabaseId = 'SQLITE_3') {
    const knex = await databases.init(databaseId);
    await migrateUp(knex);
    const engine = new FakeEngine();
    const clock = new ManualClock(START);
    const activities = KnexActivityStore.create({ knex });
    const service = OperationService.create({
      engine,
      activities,
      clock,
      logger: mockServices.logger.mock(),
    });
    return { engine, clock, activities, service };
  }

  it.each(databases.eachSupportedId())(
    'records a wake as active and completes it with the awake time at the next sleep, on %p',
    async databaseId => {
      const { service, clock, activities } = await setup(databaseId);
      const woken = await service.execute(
        request({ operation: 'wake', scheduleId: 's-1' }),
      );
      expect(woken.activity).toMatchObject({
        operation: 'wake',
        status: 'active',
        requested_by: 'user:default/alice',
        user_id: 'user:default/alice',
        schedule_id: 's-1',
        cost_center: 'CC-1001',
      });
      clock.advanceMinutes(13 * 60);
      const slept = await service.execute(
        request({ operation: 'sleep', requestedBy: 'scheduler' }),
      );
      expect(slept.activity).toMatchObject({
        status: 'completed',
        duration_minutes: 0,
      });
      expect(await activities.get(woken.activity!.id)).toMatchObject({
        status: 'completed',
        duration_minutes: 780,
        timestamp_end: '2026-11-23T20:00:00.000Z',
      });
    },
  );

  it('records failures and throws of the engine, and nothing for dry runs', async () => {
    const { service, engine, activities } = await setup();
    engine.behaviour = call => (call.operation === 'wake' ? 'throw' : 'fail');
    const thrown = await service.execute(request({ operation: 'wake' }));
    expect(thrown.result).toMatchObject({
      success: false,
      errors: ['engine exploded'],
    });
    expect(thrown.activity).toMatchObject({
      outcome: 'failed',
      status: 'completed',
    });
    const failed = await service.execute(
      request({ operation: 'scale', replicas: 2 }),
    );
    expect(failed.activity).toMatchObject({ outcome: 'failed', replicas: 2 });
    const dry = await service.execute(
      request({ operation: 'sleep', dryRun: true }),
    );
    expect(dry.activity).toBeUndefined();
    expect((await activities.list({})).items).toHaveLength(2);
  });

  it('asks the guard first: a refused operation changes and records nothing', async () => {
    const { engine, activities, clock } = await setup();
    const service = OperationService.create({
      engine,
      activities,
      clock,
      logger: mockServices.logger.mock(),
      guard: {
        assertAllowed: async r => {
          if (r.costCenter === 'CC-NOPE')
            throw new NotAllowedError('CC-NOPE is not authorized');
        },
      },
    });
    await expect(
      service.execute(request({ costCenter: 'CC-NOPE' })),
    ).rejects.toThrow(NotAllowedError);
    await expect(
      service.execute(request({ operation: 'scale', replicas: 1.5 })),
    ).rejects.toThrow(/replicas/);
    expect(engine.calls).toHaveLength(0);
    expect((await activities.list({})).items).toHaveLength(0);
  });

  it('wakes with the originals recorded by the last successful sleep', async () => {
    const { service, engine } = await setup();
    await service.execute(request({ operation: 'sleep' }));
    await service.execute(request({ operation: 'wake' }));
    expect(engine.calls[1].options.storedOriginals).toEqual([
      { type: 'Deployment', name: 'api', value: 3 },
    ]);
  });

  it('activity log: every wake/sleep/scale that is not a dry run writes one activity, with charged time right', async () => {
    const step = fc.record({
      operation: fc.constantFrom(
        'wake' as const,
        'sleep' as const,
        'scale' as const,
      ),
      replicas: fc.integer({ min: 0, max: 3 }),
      dryRun: fc.boolean(),
      behaviour: fc.constantFrom<FakeBehaviour>(
        'succeed',
        'succeed',
        'fail',
        'throw',
      ),
      namespace: fc.constantFrom('ns-a', 'ns-b'),
      waitMinutes: fc.integer({ min: 0, max: 600 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 12 }), async steps => {
        const { service, engine, clock, activities } = await setup();
        const open = new Map<string, { id: string; at: number }>();
        const expectedDurations = new Map<string, number>();
        let recorded = 0;
        for (const s of steps) {
          clock.advanceMinutes(s.waitMinutes);
          engine.behaviour = () => s.behaviour;
          const { result, activity } = await service.execute(
            request({
              operation: s.operation,
              namespace: s.namespace,
              dryRun: s.dryRun,
              ...(s.operation === 'scale' && { replicas: s.replicas }),
            }),
          );
          expect(activity === undefined).toBe(s.dryRun);
          if (s.dryRun) continue;
          recorded++;
          expect(activity).toMatchObject({
            operation: s.operation,
            namespace: s.namespace,
          });
          if (!result.success) continue;
          const now = clock.now().getTime();
          const previous = open.get(s.namespace);
          if (previous)
            expectedDurations.set(previous.id, (now - previous.at) / 60_000);
          open.delete(s.namespace);
          const opens =
            s.operation === 'wake' ||
            (s.operation === 'scale' && s.replicas > 0);
          if (opens) open.set(s.namespace, { id: activity!.id, at: now });
        }
        const { items } = await activities.list({ limit: 500 });
        expect(items).toHaveLength(recorded);
        expect(
          items
            .filter(a => a.status === 'active')
            .map(a => a.id)
            .sort(),
        ).toEqual([...open.values()].map(o => o.id).sort());
        for (const [id, minutes] of expectedDurations) {
          expect(items.find(a => a.id === id)?.duration_minutes).toBe(minutes);
        }
      }),
      { numRuns: 40 },
    );
  });
});
