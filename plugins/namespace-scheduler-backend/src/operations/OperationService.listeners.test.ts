import { TestDatabases } from '@backstage/backend-test-utils';
import { KnexActivityStore } from '../activity';
import { migrateUp } from '../database/migrations';
import { ManualClock } from '../__testUtils__/clock';
import { FakeEngine } from '../__testUtils__/fakeEngine';
import { RecordingLogger } from '../observability/__testUtils__/recordingLogger';
import type {
  OperationListener,
  OperationOutcomeEvent,
} from './OperationListener';
import { OperationRequest, OperationService } from '.';

const REQUEST: OperationRequest = {
  cluster: 'sandbox',
  namespace: 'shop-dev',
  operation: 'sleep',
  costCenter: 'CC-1001',
  requestedBy: 'user:default/alice',
  correlationId: 'req-1',
};

describe('OperationService listeners', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup(listeners: OperationListener[]) {
    const knex = await databases.init('SQLITE_3');
    await migrateUp(knex);
    const engine = new FakeEngine();
    const logger = new RecordingLogger();
    const service = OperationService.create({
      engine,
      activities: KnexActivityStore.create({ knex }),
      clock: new ManualClock('2026-11-24T20:00:00Z'),
      logger,
      listeners,
    });
    return { engine, logger, service };
  }

  function recorder() {
    const events: OperationOutcomeEvent[] = [];
    const listener: OperationListener = {
      name: 'recorder',
      onOutcome: async event => {
        events.push(event);
      },
    };
    return { events, listener };
  }

  it('tells every listener the recorded outcome, with a logger carrying both ids', async () => {
    const { events, listener } = recorder();
    const { service, engine, logger } = await setup([listener]);
    engine.behaviour = () => 'fail';

    const { activity } = await service.execute(REQUEST);

    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      request: REQUEST,
      operationId: expect.any(String),
      result: { success: false },
      activity: { id: activity?.id },
    });
    events[0].logger.info('from a listener');
    expect(logger.lines).toContainEqual({
      level: 'info',
      message: 'from a listener',
      fields: { correlationId: 'req-1', operationId: events[0].operationId },
    });
  });

  it('passes the operation logger to the engine', async () => {
    const { service, engine } = await setup([]);
    await service.execute(REQUEST);
    const engineLogger = engine.calls[0].options.logger;
    expect(engineLogger).toBeInstanceOf(RecordingLogger);
  });

  it('tells no one about dry runs', async () => {
    const { events, listener } = recorder();
    const { service } = await setup([listener]);
    await service.execute({ ...REQUEST, dryRun: true });
    expect(events).toEqual([]);
  });

  it('logs a failing listener and still returns the outcome to the caller and the other listeners', async () => {
    const { events, listener } = recorder();
    const broken: OperationListener = {
      name: 'broken',
      onOutcome: async () => {
        throw new Error('Alertmanager is down');
      },
    };
    const { service, logger } = await setup([broken, listener]);

    const outcome = await service.execute(REQUEST);

    expect(outcome.result.success).toBe(true);
    expect(events).toHaveLength(1);
    expect(logger.lines).toContainEqual({
      level: 'warn',
      message: 'Operation listener broken failed: Alertmanager is down',
      fields: { correlationId: 'req-1', operationId: events[0].operationId },
    });
  });
});
