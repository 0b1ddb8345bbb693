import { TestDatabases } from '@backstage/backend-test-utils';
import {
  K8S_ANNOTATIONS,
  OperationResult,
  OperationType,
} from '@namespace-scheduler/backstage-plugin-common';
import { FaultHandle, KubeObject } from '@namespace-scheduler/kube-sandbox';
import fc from 'fast-check';
import { migrateUp } from '../database/migrations';
import {
  deployment,
  EngineSandbox,
  liveState,
  namespaceObject,
  startEngineSandbox,
} from '../engine/__testUtils__/engineSandbox';
import { ManualClock } from '../__testUtils__/clock';
import { runnerInstance } from '../__testUtils__/runnerInstance';
import { publishFigures } from './__testUtils__/figures';

jest.setTimeout(300_000);

const SEED = Number(process.env.RELIABILITY_SEED ?? 20261124);
const OPERATIONS = 500;
const NAMESPACES = 10;
const REQUEST_TIMEOUT_MS = 500;
/**
 * 10% of all API requests fail, in this order of precedence: 5xx 4%, 409
 * Conflict 3%, and timeouts 3% — half never answered, half answered after the
 * client gave up with the write applied (a lost response).
 */
const FAULTS = [
  { name: '500', share: 0.02, rule: { status: 500 } },
  { name: '502', share: 0.02, rule: { status: 502 } },
  { name: '409', share: 0.03, rule: { status: 409 } },
  { name: 'timeout, not applied', share: 0.015, rule: { hang: true } },
  {
    name: 'timeout, applied',
    share: 0.015,
    rule: { latencyMs: REQUEST_TIMEOUT_MS + 150 },
  },
];

type Live = Record<string, ReturnType<typeof essentials>>;
type Outcome =
  | 'applied'
  | 'rolled back'
  | 'failed before any change'
  | 'reported unrestored'
  | 'inconsistent';

function cronJob(namespace: string, name: string): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace },
    spec: {
      schedule: '*/5 * * * *',
      suspend: false,
      jobTemplate: {
        spec: {
          template: {
            spec: {
              restartPolicy: 'Never',
              containers: [{ name, image: `example/${name}:1` }],
            },
          },
        },
      },
    },
  };
}

function workloads(namespace: string): KubeObject[] {
  const apps = Array.from({ length: 8 }, (_, i) =>
    deployment(namespace, `app-${i}`, (i % 3) + 1),
  );
  const dbs = [0, 1].map(i => {
    const object = deployment(namespace, `db-${i}`, i + 1);
    const spec = { ...(object.spec as object), serviceName: `db-${i}` };
    return { ...object, kind: 'StatefulSet', spec };
  });
  return [...apps, ...dbs, cronJob(namespace, 'report')];
}

function essentials(value: unknown) {
  return value as {
    replicas?: number;
    suspend?: boolean;
    annotations: Record<string, string>;
  };
}

const MARKER = K8S_ANNOTATIONS.originalReplicas;

/** What each workload must look like when the operation fully applied. */
function appliedAs(
  operation: OperationType,
  replicas: number,
  before: Live,
  key: string,
): { replicas?: number; suspend?: boolean; marker?: string | null } {
  const was = before[key];
  const isCronJob = key.startsWith('CronJob/');
  if (operation === 'sleep' || (operation === 'scale' && replicas === 0)) {
    if (isCronJob) return { suspend: true };
    return {
      replicas: 0,
      marker: was.annotations[MARKER] ?? String(was.replicas),
    };
  }
  if (operation === 'scale') {
    return isCronJob ? {} : { replicas, marker: null };
  }
  if (isCronJob) return { suspend: false };
  const original = was.annotations[MARKER];
  return {
    replicas: original === undefined ? was.replicas : Number(original),
    marker: null,
  };
}

function isApplied(
  operation: OperationType,
  replicas: number,
  before: Live,
  after: Live,
): boolean {
  return Object.keys(before).every(key => {
    const expected = appliedAs(operation, replicas, before, key);
    const live = after[key];
    return (
      (expected.replicas === undefined ||
        live.replicas === expected.replicas) &&
      (expected.suspend === undefined || live.suspend === expected.suspend) &&
      (expected.marker === undefined ||
        (live.annotations[MARKER] ?? null) === expected.marker)
    );
  });
}

/** Workloads whose live state is not what it was before the operation. */
function changedSince(before: Live, after: Live): string[] {
  return Object.keys(before).filter(
    key => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
}

function classify(
  result: OperationResult,
  replicas: number,
  before: Live,
  after: Live,
): Outcome {
  if (result.success) {
    return isApplied(result.operation, replicas, before, after)
      ? 'applied'
      : 'inconsistent';
  }
  const changed = changedSince(before, after);
  const unrestored = new Set(
    result.rollback_results
      .filter(r => r.status === 'failed')
      .map(r => `${r.type}/${r.name}`),
  );
  if (unrestored.size > 0) {
    // Exactly the workloads it names may differ from before, no others.
    return changed.every(key => unrestored.has(key))
      ? 'reported unrestored'
      : 'inconsistent';
  }
  if (changed.length > 0) return 'inconsistent';
  return result.total_scaled === 0 ? 'failed before any change' : 'rolled back';
}

describe(`faults: ${OPERATIONS} operations with 10% injected API faults`, () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let env: EngineSandbox;

  afterAll(() => env?.close());

  it('ends every operation fully applied, fully rolled back, or naming what it could not restore', async () => {
    const names = Array.from({ length: NAMESPACES }, (_, i) => `fault-${i}`);
    env = await startEngineSandbox({
      sandbox: {
        objects: names.flatMap(ns => [namespaceObject(ns), ...workloads(ns)]),
      },
      access: {
        requestTimeoutMs: REQUEST_TIMEOUT_MS,
        // Out of the way: an open circuit would fail the next 30 s of operations
        // fast, before any change — its job, but not what this measures.
        breakerConsecutiveFailures: 1_000,
      },
      engine: { concurrency: 4 },
    });
    const knex = await databases.init('SQLITE_3');
    await migrateUp(knex);
    const { operations } = runnerInstance({
      knex,
      clock: new ManualClock('2026-11-23T10:00:00Z'),
      engine: env.engine,
    });
    const plans = fc.sample(
      fc.record({
        namespace: fc.constantFrom(...names),
        operation: fc.constantFrom<OperationType>('sleep', 'wake', 'scale'),
        replicas: fc.integer({ min: 0, max: 3 }),
      }),
      { seed: SEED, numRuns: OPERATIONS },
    );
    // Warm connections first: a cold start must not count as a timeout.
    await Promise.all(names.map(ns => env.engine.status('sandbox', ns)));
    env.sandbox.resetStats();
    const handles = addFaults(env, SEED);
    const outcomes: Record<Outcome, number> = {
      applied: 0,
      'rolled back': 0,
      'failed before any change': 0,
      'reported unrestored': 0,
      inconsistent: 0,
    };
    const inconsistent: unknown[] = [];
    const started = Date.now();

    // One lane per namespace: operations on one namespace never overlap.
    await Promise.all(
      names.map(async namespace => {
        for (const plan of plans.filter(p => p.namespace === namespace)) {
          const before = liveState(env.sandbox, namespace) as Live;
          const { result } = await operations.execute({
            ...plan,
            cluster: 'sandbox',
            costCenter: 'CC-1001',
            requestedBy: 'user:default/alice',
          });
          const after = liveState(env.sandbox, namespace) as Live;
          const outcome = classify(result, plan.replicas, before, after);
          outcomes[outcome]++;
          if (outcome === 'inconsistent') {
            inconsistent.push(
              describeInconsistency(plan, result, before, after),
            );
          }
        }
      }),
    );
    const elapsedMs = Date.now() - started;
    const requests = env.sandbox.stats().requests.length;
    const [{ n: activities }] = await knex('ns_activities').count({ n: '*' });

    publishFigures('faults', {
      operations: OPERATIONS,
      seed: SEED,
      apiRequests: requests,
      faultsInjected: Object.fromEntries(
        FAULTS.map((f, i) => [f.name, handles[i].fired]),
      ),
      faultRate:
        Math.round(
          (handles.reduce((sum, h) => sum + h.fired, 0) / requests) * 1000,
        ) / 1000,
      outcomes,
      activitiesRecorded: Number(activities),
      elapsedMs,
    });
    expect(inconsistent).toEqual([]);
    expect(outcomes.applied).toBeGreaterThan(OPERATIONS / 2);
    expect(Object.values(outcomes).reduce((a, b) => a + b, 0)).toBe(OPERATIONS);
    // Property 5 under faults: every operation, failed or not, left its record.
    expect(Number(activities)).toBe(OPERATIONS);
  });
});

/** Enough to see what went wrong without the whole namespace. */
function describeInconsistency(
  plan: object,
  result: OperationResult,
  before: Live,
  after: Live,
) {
  return {
    plan,
    success: result.success,
    errors: result.errors,
    scaled: result.scaled_resources.map(r => `${r.type}/${r.name}`),
    rollback: result.rollback_results,
    changed: changedSince(before, after).map(key => ({
      key,
      before: before[key],
      after: after[key],
    })),
  };
}

/** The FAULTS, each firing with the probability that gives it its share of all requests. */
function addFaults(env: EngineSandbox, seed: number): FaultHandle[] {
  let untouched = 1;
  return FAULTS.map((fault, i) => {
    const probability = fault.share / untouched;
    untouched -= fault.share;
    return env.sandbox.faults.add({
      ...fault.rule,
      probability,
      seed: seed + i,
    });
  });
}
