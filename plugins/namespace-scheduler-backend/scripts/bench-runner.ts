/*
 * Times the schedule runner's hot paths among N schedules, on SQLite and
 * PostgreSQL:
 * - finding due work: the indexed `next_run` query each tick starts with
 *   (target ≤ 50 ms per tick);
 * - recomputing next runs: `nextTransition` for every schedule, and
 *   `planDue` (missed occurrences + next) for the due ones (target ≤ 1 ms per
 *   schedule);
 * - a whole tick over the due schedules with a no-op engine (claims, activity
 *   records, run bookkeeping).
 *
 *   yarn workspace @namespace-scheduler/backstage-plugin-backend bench:runner \
 *     [--schedules 10000] [--due 200]
 *
 * PostgreSQL: a fresh database on BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
 * when set, else on a throwaway server started as the tests do.
 */
import {
  nextTransition,
  ScheduleInput,
  WEEKDAYS,
} from '@namespace-scheduler/backstage-plugin-common';
import knexFactory, { Knex } from 'knex';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { reportResults } from './bench/results';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ManualClock } from '../src/__testUtils__/clock';
import { FakeEngine } from '../src/__testUtils__/fakeEngine';
import { KnexActivityStore } from '../src/activity';
import { migrateUp } from '../src/database/migrations';
import { OperationService } from '../src/operations';
import { KnexScheduleStore, ScheduleRunner } from '../src/schedules';
import { planDue } from '../src/schedules/duePlan';
import { inputColumns, ScheduleRow } from '../src/schedules/scheduleRows';
import { startTestPostgres } from '../src/__testUtils__/postgres';

const NOW = Date.parse('2026-11-23T09:00:20Z');
const ZONES = [
  'Europe/Madrid',
  'America/New_York',
  'Asia/Kolkata',
  'UTC',
  'Australia/Sydney',
];
const FIND_ROUNDS = 30;

const quiet: LoggerService = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child: () => quiet,
};

type Stats = {
  median: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
};

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const mean = sorted.reduce((sum, x) => sum + x, 0) / sorted.length;
  return {
    median: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted[sorted.length - 1],
    mean,
  };
}

/** A deterministic mix: cron tasks, weekly windows, one-off windows, overrides. */
function scheduleInput(i: number, random: () => number): ScheduleInput {
  const target = {
    title: `bench ${i}`,
    cluster: 'bench',
    namespace: `ns-${i % 500}`,
    cost_center: `CC-${i % 40}`,
    zone: ZONES[i % ZONES.length],
  };
  const pick = random();
  const hour = Math.floor(random() * 24);
  const minute = Math.floor(random() * 60);
  if (pick < 0.5) {
    const cron = `${minute} ${hour} * * ${random() < 0.5 ? '1-5' : '*'}`;
    return {
      ...target,
      kind: 'cron',
      cron,
      operation: random() < 0.5 ? 'wake' : 'sleep',
    };
  }
  const hhmm = (h: number, m: number) =>
    `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  if (pick < 0.8) {
    const days = WEEKDAYS.filter(() => random() < 0.6);
    return {
      ...target,
      kind: 'weekly',
      days: days.length ? days : ['mon'],
      from: hhmm(hour, minute),
      to: hhmm((hour + 9) % 24, minute),
      except_dates: ['2026-12-25', '2027-01-01'],
    };
  }
  const start = NOW + Math.floor(random() * 30 * 86_400_000);
  if (pick < 0.95) {
    return {
      ...target,
      kind: 'window',
      start: new Date(start).toISOString(),
      end: new Date(start + 8 * 3_600_000).toISOString(),
    };
  }
  return {
    ...target,
    kind: 'override',
    operation: 'sleep',
    until: new Date(start).toISOString(),
  };
}

/** Every `due` schedules, one is a five-minute cron task whose run is due now. */
function scheduleRow(
  i: number,
  due: boolean,
  random: () => number,
): ScheduleRow {
  const input: ScheduleInput = due
    ? {
        title: `due ${i}`,
        cluster: 'bench',
        namespace: `ns-${i % 500}`,
        cost_center: 'CC-1',
        zone: 'UTC',
        kind: 'cron',
        cron: '*/5 * * * *',
        operation: 'wake',
      }
    : scheduleInput(i, random);
  const next = due
    ? { at: NOW - 20_000, operation: 'wake' as const }
    : nextTransition(input, NOW);
  return {
    id: `s-${String(i).padStart(6, '0')}`,
    ...inputColumns(input),
    status: 'active',
    next_run: next?.at ?? null,
    next_operation: next?.operation ?? null,
    run_count: 0,
    success_count: 0,
    error_count: 0,
    skipped_count: 0,
    last_run: null,
    created_by: 'user:default/bench',
    created_at: NOW - 86_400_000,
    updated_at: NOW - 86_400_000,
    ended_by: null,
    ended_at: null,
  };
}

function seeded(start: number): () => number {
  let state = start;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

async function seed(knex: Knex, count: number, due: number) {
  const random = seeded(42);
  const step = Math.floor(count / due);
  const rows = Array.from({ length: count }, (_, i) =>
    scheduleRow(i, i % step === 0 && i / step < due, random),
  );
  await knex.batchInsert('ns_schedules', rows, 500);
}

async function measure(
  name: string,
  dialect: Dialect,
  knex: Knex,
  count: number,
  due: number,
) {
  await migrateUp(knex);
  const seedStart = performance.now();
  await seed(knex, count, due);
  // As autovacuum would after a bulk load: the planner needs the statistics.
  if (dialect === 'pg') await knex.raw('analyze ns_schedules');
  const seedMs = performance.now() - seedStart;
  const clock = new ManualClock(NOW);
  const engine = new FakeEngine();
  const activities = KnexActivityStore.create({ knex });
  const operations = OperationService.create({
    engine,
    activities,
    clock,
    logger: quiet,
  });
  const store = KnexScheduleStore.create({ knex });
  const runner = ScheduleRunner.create({
    store,
    operations,
    logger: quiet,
    clock,
  });

  const find: number[] = [];
  let found = 0;
  for (let round = 0; round < FIND_ROUNDS + 3; round++) {
    const start = performance.now();
    found = (await store.findDue(clock.now(), 500)).length;
    if (round >= 3) find.push(performance.now() - start);
  }
  const idle: number[] = [];
  for (let round = 0; round < FIND_ROUNDS; round++) {
    const start = performance.now();
    await store.findDue(new Date(NOW - 3_600_000), 500);
    idle.push(performance.now() - start);
  }

  const all = await store.list();
  all.forEach(schedule => nextTransition(schedule, NOW)); // warm-up
  const recompute = all.map(schedule => {
    const start = performance.now();
    nextTransition(schedule, NOW);
    return performance.now() - start;
  });
  const dueSchedules = await store.findDue(clock.now(), 500);
  const plans = dueSchedules.map(schedule => {
    const start = performance.now();
    planDue(schedule, clock.now());
    return performance.now() - start;
  });

  const tickStart = performance.now();
  const summary = await runner.tick();
  const tickMs = performance.now() - tickStart;

  return {
    name,
    count,
    seedMs,
    found,
    find: stats(find),
    idle: stats(idle),
    recompute: stats(recompute),
    plan: stats(plans),
    tickMs,
    claimed: summary.claimed,
    held: summary.skipped,
    engineCalls: engine.calls.length,
    queryPlan: await explain(dialect, knex),
  };
}

type Dialect = 'sqlite' | 'pg';

/** How the database runs the due query: through the next_run index. */
async function explain(dialect: Dialect, knex: Knex): Promise<string> {
  if (dialect === 'sqlite') {
    const rows = await knex.raw<Array<{ detail: string }>>(
      'explain query plan select * from ns_schedules where next_run <= ? order by next_run, next_operation, id limit 500',
      [NOW],
    );
    return rows.map(row => row.detail).join('; ');
  }
  const { rows } = await knex.raw<{ rows: Array<{ 'QUERY PLAN': string }> }>(
    'explain select * from ns_schedules where next_run <= ? order by next_run, next_operation, id limit 500',
    [NOW],
  );
  return rows.map(row => row['QUERY PLAN'].trim()).join('; ');
}

async function postgres(): Promise<{ knex: Knex; close(): Promise<void> }> {
  const given =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  const server = given ? undefined : await startTestPostgres();
  const url = new URL(given ?? server!.connectionString);
  const admin = knexFactory({ client: 'pg', connection: url.toString() });
  const database = `bench_runner_${Date.now()}`;
  await admin.raw(`create database ${database}`);
  url.pathname = `/${database}`;
  const knex = knexFactory({ client: 'pg', connection: url.toString() });
  return {
    knex,
    async close() {
      await knex.destroy();
      await admin.raw(`drop database ${database}`);
      await admin.destroy();
      await server?.stop();
    },
  };
}

const ms = (value: number) => `${value.toFixed(value < 1 ? 3 : 1)} ms`;

const round = (value: number) => Number(value.toFixed(2));

async function main() {
  const { values } = parseArgs({
    options: {
      schedules: { type: 'string', default: '10000' },
      due: { type: 'string', default: '200' },
    },
  });
  const count = Number(values.schedules);
  const due = Number(values.due);

  const sqlite = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  const results = [
    await measure(
      'SQLite (better-sqlite3, in memory)',
      'sqlite',
      sqlite,
      count,
      due,
    ),
  ];
  await sqlite.destroy();
  const pg = await postgres();
  try {
    results.push(await measure('PostgreSQL 15', 'pg', pg.knex, count, due));
  } finally {
    await pg.close();
  }

  console.log(
    `\n${count} schedules, ${due} due; find due: ${FIND_ROUNDS} rounds after 3 warm-ups\n`,
  );
  console.log(
    '| database | find due (median / p95) | nothing due (median) | next run per schedule (mean / p99 / max) | planDue per due schedule (mean / max) | tick of due schedules |',
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    console.log(
      `| ${r.name} | ${ms(r.find.median)} / ${ms(r.find.p95)} (${
        r.found
      } found) | ${ms(r.idle.median)} | ` +
        `${ms(r.recompute.mean)} / ${ms(r.recompute.p99)} / ${ms(
          r.recompute.max,
        )} | ${ms(r.plan.mean)} / ${ms(r.plan.max)} | ` +
        `${ms(r.tickMs)} for ${r.claimed} runs, ${
          r.held
        } held by an override (${ms(
          r.tickMs / Math.max(1, r.claimed),
        )} each) |`,
    );
  }
  console.log('');
  for (const r of results) {
    console.log(
      `${r.name}: seeded in ${ms(r.seedMs)}; engine calls ${
        r.engineCalls
      }; plan: ${r.queryPlan}`,
    );
  }
  reportResults(
    results.flatMap(r => [
      {
        bench: 'runner',
        figure: `find due among ${count} (p95, ${r.name})`,
        value: round(r.find.p95),
        unit: 'ms',
        max: 50,
      },
      {
        bench: 'runner',
        figure: `next run per schedule (p99, ${r.name})`,
        value: round(r.recompute.p99),
        unit: 'ms',
        max: 1,
      },
    ]),
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
