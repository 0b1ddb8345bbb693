import { TestDatabases } from '@backstage/backend-test-utils';
import { OperationType } from '@namespace-scheduler/backstage-plugin-common';
import { KnexActivityStore } from '../../activity';
import { migrateUp } from '../../database/migrations';
import { operationResult } from '../../__testUtils__/fakeEngine';
import { outcomeEvent } from '../../__testUtils__/outcomeEvent';
import { FakeEngine } from '../../__testUtils__/fakeEngine';
import { inProcessPrometheus, sampleValue } from '../__testUtils__/prometheus';
import { AwakeNamespaces } from './AwakeNamespaces';
import { OperationMetricsListener } from './OperationMetricsListener';
import { PluginMetrics } from './PluginMetrics';

const T0 = Date.parse('2026-11-24T20:00:00Z');
const HOUR = 3_600_000;

/** How OperationService charges: a failure changes nothing. */
function effectOf(operation: OperationType, errors: string[]) {
  if (errors.length) return 'none';
  return operation === 'wake' ? 'open' : 'close';
}

describe('OperationMetricsListener', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let prometheus: ReturnType<typeof inProcessPrometheus>;

  beforeEach(() => {
    prometheus = inProcessPrometheus();
  });
  afterEach(() => prometheus.shutdown());

  async function setup() {
    const knex = await databases.init('SQLITE_3');
    await migrateUp(knex);
    const activities = KnexActivityStore.create({ knex });
    const metrics = PluginMetrics.create(prometheus.provider.getMeter('test'));
    const awake = AwakeNamespaces.wrap(new FakeEngine());
    metrics.observe({
      awakeByCluster: () => awake.byCluster(),
      offHoursSlots: async () => ({ used: 0, limit: 5 }),
      circuitStates: () => [],
    });
    const listener = OperationMetricsListener.create({
      metrics,
      awake,
      activities,
    });
    /** Records the operation as OperationService would, then tells the listener. */
    const run = async (
      operation: 'sleep' | 'wake',
      at: number,
      errors: string[] = [],
    ) => {
      const event = outcomeEvent(operation, { errors, at: new Date(at) });
      const result = operationResult(event.request, { errors });
      const activity = await activities.record(
        {
          ...event.request,
          timestampStart: new Date(at),
          timestampEnd: new Date(at),
          result,
        },
        effectOf(operation, errors),
      );
      await listener.onOutcome({ ...event, result, activity });
    };
    return { run };
  }

  it('adds the hours between a sleep and the wake that ends it to the savings', async () => {
    const { run } = await setup();
    await run('wake', T0 - HOUR);
    await run('sleep', T0);
    await run('wake', T0 + 11 * HOUR);
    // A failed (rolled back) wake in between neither counts nor hides the sleep.
    await run('sleep', T0 + 12 * HOUR);
    await run('wake', T0 + 13 * HOUR, ['HTTP 500']);
    await run('wake', T0 + 14.5 * HOUR);

    const text = await prometheus.scrape();
    expect(
      sampleValue(text, 'namespace_scheduler_estimated_savings_hours_total'),
    ).toBe(11 + 2.5);
    expect(
      sampleValue(text, 'namespace_scheduler_operations_total', {
        operation: 'wake',
        outcome: 'failed',
      }),
    ).toBeUndefined();
    expect(
      sampleValue(text, 'namespace_scheduler_operations_total', {
        operation: 'wake',
        outcome: 'rolled_back',
      }),
    ).toBe(1);
    expect(
      sampleValue(text, 'namespace_scheduler_operations_total', {
        operation: 'wake',
        outcome: 'succeeded',
      }),
    ).toBe(3);
  });

  it('keeps the awake gauge at the last successful operation of each namespace', async () => {
    const { run } = await setup();
    await run('wake', T0);
    expect(
      sampleValue(
        await prometheus.scrape(),
        'namespace_scheduler_namespaces_awake',
        {
          cluster: 'prod',
        },
      ),
    ).toBe(1);
    await run('sleep', T0 + HOUR);
    await run('wake', T0 + 2 * HOUR, ['HTTP 500']);
    expect(
      sampleValue(
        await prometheus.scrape(),
        'namespace_scheduler_namespaces_awake',
        {
          cluster: 'prod',
        },
      ),
    ).toBe(0);
  });
});
