import { LoggerService } from '@backstage/backend-plugin-api';
import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { KnexActivityStore } from '../activity';
import { migrateUp } from '../database/migrations';
import { OperationRequest, OperationService } from '../operations';
import { ManualClock } from '../__testUtils__/clock';
import { FAKE_JOURNAL, FakeEngine } from '../__testUtils__/fakeEngine';
import { connectAgain } from '../__testUtils__/runnerInstance';
import { KnexOperationLeaseStore } from './KnexOperationLeaseStore';
import { NamespaceLeases } from './NamespaceLeases';
import { RepairSweep } from './RepairSweep';

jest.setTimeout(60_000);

const START = '2026-12-02T22:40:01Z';
const sleepNow: OperationRequest = {
  cluster: 'sandbox',
  namespace: 'shop-dev',
  operation: 'sleep',
  costCenter: 'CC-1001',
  requestedBy: 'user:default/guest',
};

/** A logger keeping its lines, children included, as `level: message`. */
function recordingLogger(lines: string[] = []): LoggerService {
  const log = (level: string) => (message: string) => {
    lines.push(`${level}: ${message}`);
  };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: () => recordingLogger(lines),
  };
}

describe('RepairSweep', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  const extraPools: Knex[] = [];
  afterAll(() => Promise.all(extraPools.map(pool => pool.destroy())));

  /** Backend instances on one database and clock, each with its engine, operations and sweep. */
  async function setup(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    await migrateUp(knex);
    const clock = new ManualClock(START);
    const instance = (pool: Knex, name: string) => {
      const engine = new FakeEngine();
      const store = KnexOperationLeaseStore.create({ knex: pool, clock });
      const lines: string[] = [];
      const logger = recordingLogger(lines);
      // Each namespace repaired, and whether its lease was gone by then.
      const repaired: string[] = [];
      const operations = OperationService.create({
        engine,
        activities: KnexActivityStore.create({ knex: pool }),
        clock,
        logger: mockServices.logger.mock(),
        // Renewed never during a test: an instance that stops renewing has died.
        leases: NamespaceLeases.create({
          store,
          logger,
          clock,
          holder: name,
          renewEveryMs: 3_600_000,
        }),
      });
      const sweep = RepairSweep.create({
        store,
        engine,
        logger,
        clock,
        holder: name,
        onRepaired: async ref => {
          const lease = await store.get(ref.cluster, ref.namespace);
          repaired.push(
            `${ref.cluster}/${ref.namespace} lease ${lease ? 'held' : 'gone'}`,
          );
        },
      });
      return { engine, store, operations, sweep, lines, repaired };
    };
    const second =
      databaseId === 'POSTGRES_15' ? await connectAgain(knex) : knex;
    if (second !== knex) extraPools.push(second);
    return { clock, a: instance(knex, 'a'), b: instance(second, 'b') };
  }

  it.each(databases.eachSupportedId())(
    'retries while the cluster is unreachable, logging once a minute, and frees the namespace once repaired, on %p',
    async databaseId => {
      const { clock, a } = await setup(databaseId);
      a.engine.behaviour = () => 'unresolved';
      a.engine.reachable = false;
      expect((await a.operations.execute(sleepNow)).result.repair_pending).toBe(
        true,
      );
      a.engine.behaviour = () => 'succeed';

      for (let tick = 0; tick < 4; tick++) {
        expect(await a.sweep.sweep()).toMatchObject({ pending: 1 });
        clock.set(clock.now().getTime() + 30_000);
      }
      const warnings = a.lines.filter(line => line.startsWith('warn'));
      expect(warnings).toHaveLength(2);
      expect(a.repaired).toEqual([]);
      expect(warnings[0]).toMatch(
        /^warn: shop-dev on sandbox still needs repair \(1 change\(s\) of a sleep\); retrying every sweep: connect ECONNREFUSED$/,
      );
      await expect(a.operations.execute(sleepNow)).rejects.toThrow(
        /needs repair/,
      );

      a.engine.reachable = true;
      expect(await a.sweep.sweep()).toMatchObject({ repaired: 1, pending: 0 });
      expect(a.engine.repairs.at(-1)).toEqual({
        cluster: 'sandbox',
        namespace: 'shop-dev',
        entries: FAKE_JOURNAL,
      });
      expect(a.lines.at(-1)).toBe(
        'info: Repaired shop-dev on sandbox after a sleep at 2026-12-02T22:40:01.000Z: restored 1 change(s)',
      );
      expect(await a.store.list()).toEqual([]);
      expect(a.repaired).toEqual(['sandbox/shop-dev lease gone']);
      expect((await a.operations.execute(sleepNow)).result.success).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'repairs what a dead instance planned from another instance, within 2 minutes of the cluster coming back, on %p',
    async databaseId => {
      const { clock, a, b } = await setup(databaseId);
      // Instance a dies mid-sleep: its operation never ends, its lease is never renewed.
      let revive = () => {};
      a.engine.gate = new Promise(resolve => {
        revive = resolve;
      });
      const abandoned = a.operations.execute(sleepNow);
      while (!(await b.store.get('sandbox', 'shop-dev'))?.journal) {
        await new Promise(resolve => setTimeout(resolve, 10));
      }
      await expect(b.operations.execute(sleepNow)).rejects.toThrow(
        'shop-dev on sandbox is busy: a sleep requested by user:default/guest at 2026-12-02T22:40:01Z is in progress; try again when it ends',
      );

      // b sweeps every 30 s; the cluster is down until 5 minutes in.
      b.engine.reachable = false;
      const backAt = Date.parse(START) + 5 * 60_000;
      const refusals = new Set<string>();
      let repairedAt: number | undefined;
      while (repairedAt === undefined) {
        clock.set(clock.now().getTime() + 30_000);
        const now = clock.now().getTime();
        if (now >= backAt) b.engine.reachable = true;
        if ((await b.sweep.sweep()).repaired === 1) repairedAt = now;
        // Past its lease's 2 minutes, a's operation is known to be dead.
        if (now >= Date.parse(START) + 2 * 60_000 && now < backAt) {
          const refused = await b.operations.execute(sleepNow).catch(e => e);
          refusals.add(refused.message);
        }
      }
      expect([...refusals]).toEqual([
        'shop-dev on sandbox needs repair: a sleep at 2026-12-02T22:40:01Z was interrupted when its backend instance stopped and 1 change(s) are not yet undone; operations resume once the scheduler has restored them',
      ]);
      expect(repairedAt - backAt).toBeLessThanOrEqual(2 * 60_000);
      expect(b.engine.repairs.at(-1)?.entries).toEqual(FAKE_JOURNAL);
      expect(a.engine.repairs).toEqual([]);

      // Should a come back after all, its lease is fenced: it frees nothing of b's.
      let finish = () => {};
      b.engine.gate = new Promise(resolve => {
        finish = resolve;
      });
      const next = b.operations.execute(sleepNow);
      while (!(await b.store.get('sandbox', 'shop-dev'))) {
        await new Promise(resolve => setTimeout(resolve, 10));
      }
      revive();
      await abandoned;
      expect(await b.store.get('sandbox', 'shop-dev')).toMatchObject({
        holder: 'b',
        state: 'running',
        journal: FAKE_JOURNAL,
      });
      finish();
      expect((await next).result.success).toBe(true);
      expect(await b.store.list()).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'repairs a namespace once when two instances sweep at the same time, on %p',
    async databaseId => {
      const { a, b } = await setup(databaseId);
      a.engine.behaviour = () => 'unresolved';
      await a.operations.execute(sleepNow);
      const summaries = await Promise.all([a.sweep.sweep(), b.sweep.sweep()]);
      expect(summaries.reduce((n, s) => n + s.repaired, 0)).toBe(1);
      expect(a.engine.repairs.length + b.engine.repairs.length).toBe(1);
      expect(await a.store.list()).toEqual([]);
    },
  );
});
