import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import {
  parseNamespaceResourceRef,
  ScheduleInput,
} from '@namespace-scheduler/backstage-plugin-common';
import { migrateUp } from '../database/migrations';
import {
  EngineSandbox,
  SEED_DIR,
  startEngineSandbox,
} from '../engine/__testUtils__/engineSandbox';
import { ManualClock } from '../__testUtils__/clock';
import { FakeDirectory, governedInstance } from '../__testUtils__/governance';

jest.setTimeout(300_000);

const MINUTE = 60_000;
/** The runner's promise: every run within 2 minutes of its time. */
const TOLERANCE = 2 * MINUTE;

// Every namespace of the seed is awake at the start.
const directory = new FakeDirectory({
  'sandbox/shop-dev': ['CC-1001'],
  'sandbox/shop-staging': ['CC-1001'],
  'sandbox/payments-dev': ['CC-2001'],
  'sandbox/payments-staging': ['CC-2001'],
  'sandbox/search-dev': ['CC-3001'],
  'sandbox/search-sandbox': ['CC-3001'],
  'sandbox/ml-experiments': ['CC-9999'],
});

const target = (namespace: string, costCenter: string) => ({
  title: `${namespace} plan`,
  cluster: 'sandbox',
  namespace,
  cost_center: costCenter,
  zone: 'Europe/Madrid',
});

const schedules: ScheduleInput[] = [
  // Ends with business hours at 20:00, not on Wednesday's holiday.
  {
    ...target('shop-dev', 'CC-1001'),
    kind: 'weekly',
    days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    from: '07:00',
    to: '20:00',
    except_dates: ['2026-11-25'],
  },
  // Keeps search-dev awake across the boundary: it takes a slot.
  {
    ...target('search-dev', 'CC-3001'),
    kind: 'weekly',
    days: ['mon', 'wed'],
    from: '18:00',
    to: '23:00',
  },
  // A weekend wake, in off-hours, and its sleep.
  {
    ...target('payments-dev', 'CC-2001'),
    kind: 'cron',
    cron: '0 22 * * 6',
    operation: 'wake',
  },
  {
    ...target('payments-dev', 'CC-2001'),
    title: 'payments-dev night end',
    kind: 'cron',
    cron: '0 2 * * 0',
    operation: 'sleep',
  },
  // A one-off evening window.
  {
    ...target('search-sandbox', 'CC-3001'),
    kind: 'window',
    start: '2026-11-26T21:00',
    end: '2026-11-26T23:30',
  },
];

type Happening = { namespace: string; at: number; operation: string };

const describeAll = (list: Happening[]) =>
  list.map(
    h => `${h.namespace} ${h.operation} ${new Date(h.at).toISOString()}`,
  );

describe('the forecast against what the runner does over a week in the sandbox', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let env: EngineSandbox;

  beforeAll(async () => {
    env = await startEngineSandbox({ sandbox: { seedDir: SEED_DIR } });
  });
  afterAll(() => env.close());

  it('runs every predicted transition within the tolerance, and nothing unpredicted', async () => {
    const knex = await databases.init('SQLITE_3');
    await migrateUp(knex);
    // Monday 23 November 2026, 09:00 in Madrid: business hours Mon–Fri 07:00–20:00.
    const start = Date.parse('2026-11-23T08:00:00Z');
    const end = start + 7 * 24 * 60 * MINUTE;
    const clock = new ManualClock(start);
    const instance = governedInstance({
      knex,
      clock,
      directory,
      engine: env.engine,
    });
    const alice = mockCredentials.user('user:default/alice');
    for (const input of schedules)
      await instance.schedules.create(input, alice);

    const predicted: Happening[] = [];
    for (const key of Object.keys(directory.costCenters)) {
      const ref = parseNamespaceResourceRef(key)!;
      const items = await instance.preview.preview(
        { ...ref, days: 7, limit: 500 },
        alice,
      );
      for (const item of items.filter(i => !i.suppressed_by)) {
        predicted.push({
          namespace: ref.namespace,
          at: Date.parse(item.at),
          operation: item.operation,
        });
      }
    }
    // The prediction the calendar missed before: the boundary sleeps what no slot or schedule keeps awake.
    expect(describeAll(predicted)).toEqual(
      expect.arrayContaining([
        'shop-staging sleep 2026-11-23T19:00:00.000Z',
        'search-dev sleep 2026-11-23T22:00:00.000Z',
      ]),
    );
    expect(describeAll(predicted)).not.toContain(
      'search-dev sleep 2026-11-23T19:00:00.000Z',
    );

    // The runner and the boundary, ticking every minute as plugin.ts schedules them.
    for (let at = start + MINUTE; at < end; at += MINUTE) {
      clock.set(at);
      await instance.tick();
    }

    const { items } = await instance.activities.list({
      requestedBy: 'scheduler',
      limit: 500,
    });
    const unpredicted: Happening[] = [];
    const missing = [...predicted];
    for (const activity of items) {
      const happened = {
        namespace: activity.namespace,
        at: Date.parse(activity.timestamp_start),
        operation: activity.operation,
      };
      const match = missing.findIndex(
        p =>
          p.namespace === happened.namespace &&
          p.operation === happened.operation &&
          happened.at >= p.at &&
          happened.at - p.at <= TOLERANCE,
      );
      if (match >= 0) missing.splice(match, 1);
      else unpredicted.push(happened);
    }
    expect(describeAll(missing)).toEqual([]);
    expect(describeAll(unpredicted)).toEqual([]);
    expect(items.length).toBe(predicted.length);
  });
});
