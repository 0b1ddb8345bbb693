import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { OperationResult } from '@namespace-scheduler/backstage-plugin-common';
import { KnexActivityStore } from '../activity';
import { migrateUp } from '../database/migrations';
import { ManualClock } from '../__testUtils__/clock';
import { FakeEngine } from '../__testUtils__/fakeEngine';
import { OperationCapacity, OperationRequest, OperationService } from '.';

const wake: OperationRequest = {
  cluster: 'sandbox',
  namespace: 'shop-dev',
  operation: 'wake',
  costCenter: 'CC-1001',
  requestedBy: 'user:default/alice',
};

describe('OperationService with a capacity (the off-hours slots)', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup(capacity: OperationCapacity) {
    const knex = await databases.init('SQLITE_3');
    await migrateUp(knex);
    const engine = new FakeEngine();
    const activities = KnexActivityStore.create({ knex });
    const logger = mockServices.logger.mock();
    const clock = new ManualClock('2026-11-23T20:00:00Z');
    const service = OperationService.create({
      engine,
      activities,
      logger,
      clock,
      capacity,
    });
    return { service, engine, activities, logger };
  }

  it('reserves before the engine runs, settles with its result and records who approved it', async () => {
    const settled: OperationResult[] = [];
    const { service } = await setup({
      reserve: async () => ({
        approvedBy: 'user:default/alice',
        settle: async result => {
          settled.push(result);
        },
      }),
    });
    const { activity } = await service.execute(wake);
    expect(activity).toMatchObject({ approved_by: 'user:default/alice' });
    expect(settled).toEqual([
      expect.objectContaining({ operation: 'wake', success: true }),
    ]);
  });

  it('changes and records nothing when the reservation is refused, and reserves nothing for dry runs', async () => {
    const reserve = jest.fn(async () => {
      throw new ConflictError('no slot');
    });
    const { service, engine, activities } = await setup({ reserve });
    await expect(service.execute(wake)).rejects.toThrow('no slot');
    expect(engine.calls).toHaveLength(0);
    expect((await activities.list({})).items).toEqual([]);
    await service.execute({ ...wake, dryRun: true });
    expect(reserve).toHaveBeenCalledTimes(1);
  });

  it('still records the activity when settling fails', async () => {
    const { service, logger } = await setup({
      reserve: async () => ({
        settle: async () => {
          throw new Error('database gone');
        },
      }),
    });
    const { activity } = await service.execute(wake);
    expect(activity).toMatchObject({ operation: 'wake', status: 'active' });
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringMatching(/settling its reservation failed: database gone/),
    );
  });
});
