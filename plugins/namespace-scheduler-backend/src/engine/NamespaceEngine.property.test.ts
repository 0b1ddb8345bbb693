import {
  K8S_ANNOTATIONS,
  OperationResult,
} from '@namespace-scheduler/backstage-plugin-common';
import type { FaultRule, KubeObject } from '@namespace-scheduler/kube-sandbox';
import fc from 'fast-check';
import {
  CLUSTER,
  deployment,
  EngineSandbox,
  namespaceObject,
  startEngineSandbox,
} from './__testUtils__/engineSandbox';

/**
 * For random namespaces and random injected faults, after every sleep, wake or
 * scale the namespace is either fully in the target state or every workload is
 * back where it was, except those the result names as not rolled back.
 */

type Kind =
  | 'Deployment'
  | 'StatefulSet'
  | 'CronJob'
  | 'HorizontalPodAutoscaler';
interface Spec {
  kind: 'Deployment' | 'StatefulSet' | 'CronJob';
  level: number;
  excluded: boolean;
  hpaMin?: number;
}
type Op =
  | { type: 'sleep' }
  | { type: 'wake' }
  | { type: 'scale'; replicas: number };
interface Live {
  kind: Kind;
  level: number;
  marker?: string;
  managed: boolean;
}

const MARKER: Record<Kind, string> = {
  Deployment: K8S_ANNOTATIONS.originalReplicas,
  StatefulSet: K8S_ANNOTATIONS.originalReplicas,
  CronJob: K8S_ANNOTATIONS.originalSuspend,
  HorizontalPodAutoscaler: K8S_ANNOTATIONS.originalMinReplicas,
};

const specArb: fc.Arbitrary<Spec> = fc.record({
  kind: fc.constantFrom('Deployment', 'StatefulSet', 'CronJob'),
  level: fc.integer({ min: 0, max: 4 }),
  excluded: fc.integer({ min: 0, max: 3 }).map(n => n === 0),
  hpaMin: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
});
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.constant<Op>({ type: 'sleep' }),
  fc.constant<Op>({ type: 'wake' }),
  fc
    .integer({ min: 0, max: 3 })
    .map((replicas): Op => ({ type: 'scale', replicas })),
);
/** Faults on the writes of workload `target` (modulo the namespace size). */
const faultArb = fc.record({
  target: fc.nat(),
  rule: fc.oneof(
    fc.record({
      status: fc.constantFrom(500, 503, 429),
      times: fc.integer({ min: 1, max: 2 }),
    }),
    {
      weight: 3,
      arbitrary: fc.record({
        status: fc.constant(500),
        afterCalls: fc.integer({ min: 0, max: 1 }),
      }),
    },
    fc.record({ hang: fc.constant(true), times: fc.constant(1) }),
  ),
});
const stepArb = fc.record({
  op: opArb,
  faults: fc.array(faultArb, { maxLength: 3 }),
});

function objectsFor(namespace: string, specs: Spec[]): KubeObject[] {
  return specs.flatMap((spec, i) => {
    const name = `w${i}`;
    const annotations: Record<string, string> = spec.excluded
      ? { [K8S_ANNOTATIONS.exclude]: 'true' }
      : {};
    const main =
      spec.kind === 'CronJob'
        ? cronJob(namespace, name, spec.level > 0, annotations)
        : {
            ...deployment(namespace, name, spec.level, annotations),
            kind: spec.kind,
          };
    if (spec.kind === 'StatefulSet')
      (main.spec as Record<string, unknown>).serviceName = name;
    return spec.hpaMin && spec.kind !== 'CronJob'
      ? [main, hpa(namespace, name, spec.kind, spec.hpaMin)]
      : [main];
  });
}

function cronJob(
  namespace: string,
  name: string,
  active: boolean,
  annotations: Record<string, string>,
): KubeObject {
  const template = {
    spec: {
      restartPolicy: 'OnFailure',
      containers: [{ name, image: 'busybox' }],
    },
  };
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace, annotations },
    spec: {
      schedule: '0 * * * *',
      suspend: !active,
      jobTemplate: { spec: { template } },
    },
  };
}

function hpa(
  namespace: string,
  target: string,
  kind: string,
  minReplicas: number,
): KubeObject {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: `${target}-hpa`, namespace },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind, name: target },
      minReplicas,
      maxReplicas: 10,
    },
  };
}

function readLive(
  env: EngineSandbox,
  namespace: string,
  specs: Spec[],
): Map<string, Live> {
  const live = new Map<string, Live>();
  const kinds: Kind[] = [
    'Deployment',
    'StatefulSet',
    'CronJob',
    'HorizontalPodAutoscaler',
  ];
  for (const kind of kinds) {
    for (const obj of env.sandbox.store.list(kind, namespace)) {
      const level = levelOf(kind, obj.spec as LevelFields);
      const owner =
        specs[Number(obj.metadata.name!.replace(/^w(\d+).*$/, '$1'))];
      live.set(`${kind}/${obj.metadata.name}`, {
        kind,
        level,
        marker: obj.metadata.annotations?.[MARKER[kind]],
        managed: !owner.excluded,
      });
    }
  }
  return live;
}

interface LevelFields {
  replicas?: number;
  suspend?: boolean;
  minReplicas?: number;
}

function levelOf(kind: Kind, spec: LevelFields): number {
  if (kind === 'CronJob') return spec.suspend ? 0 : 1;
  return (
    (kind === 'HorizontalPodAutoscaler' ? spec.minReplicas : spec.replicas) ?? 1
  );
}

/** Stopped by the team (no original recorded): no operation starts it, and it is not counted. */
function offByTeam(w: Live): boolean {
  return w.kind !== 'HorizontalPodAutoscaler' && w.level === 0 && !w.marker;
}

/** The model: what each workload looks like after a fully successful operation. */
function expected(w: Live, op: Op): Live {
  if (!w.managed || offByTeam(w)) return w;
  const down =
    op.type === 'sleep' || (op.type === 'scale' && op.replicas === 0);
  const floor = w.kind === 'HorizontalPodAutoscaler' ? 1 : 0;
  const encode = (level: number) =>
    w.kind === 'CronJob' ? String(level === 0) : String(level);
  const decode = (marker: string) =>
    w.kind === 'CronJob' ? Number(marker === 'false') : Number(marker);
  if (down) {
    return w.level > floor
      ? { ...w, level: floor, marker: w.marker ?? encode(w.level) }
      : w;
  }
  if (
    op.type === 'scale' &&
    (w.kind === 'Deployment' || w.kind === 'StatefulSet')
  ) {
    return { ...w, level: op.replicas, marker: undefined };
  }
  if (w.marker !== undefined)
    return { ...w, level: decode(w.marker), marker: undefined };
  return w;
}

/** Success: the model's target. Failure: the state before, except workloads reported stuck. */
function allowed(
  before: Map<string, Live>,
  after: Map<string, Live>,
  op: Op,
  result: OperationResult,
) {
  const stuck = new Set(
    result.rollback_results
      .filter(r => r.status === 'failed')
      .map(r => `${r.type}/${r.name}`),
  );
  return new Map(
    [...before].map(([key, w]) => {
      if (result.success) return [key, expected(w, op)];
      return [key, stuck.has(key) ? after.get(key) : w];
    }),
  );
}

function expectedState(live: Map<string, Live>): string {
  const counted = [...live.values()].filter(
    w => w.managed && w.kind !== 'HorizontalPodAutoscaler' && !offByTeam(w),
  );
  const awake = counted.filter(w => w.level > 0).length;
  if (awake === 0) return 'asleep';
  return awake === counted.length ? 'awake' : 'partial';
}

function run(
  env: EngineSandbox,
  namespace: string,
  op: Op,
): Promise<OperationResult> {
  if (op.type === 'scale')
    return env.engine.run(CLUSTER, namespace, {
      operation: 'scale',
      replicas: op.replicas,
    });
  return op.type === 'sleep'
    ? env.engine.run(CLUSTER, namespace, { operation: 'sleep' })
    : env.engine.run(CLUSTER, namespace, { operation: 'wake' });
}

function faultRule(
  namespace: string,
  specs: Spec[],
  target: number,
  rule: Omit<FaultRule, 'method' | 'path'>,
): FaultRule {
  const name = `w${target % specs.length}`;
  return {
    ...rule,
    method: 'PATCH',
    path: new RegExp(`/namespaces/${namespace}/[a-z]+/${name}(-hpa)?$`),
  };
}

describe('NamespaceEngine property: target state or rolled back, never a silent mix', () => {
  let env: EngineSandbox;
  let counter = 0;

  beforeAll(async () => {
    env = await startEngineSandbox({
      access: { requestTimeoutMs: 150, breakerConsecutiveFailures: 10_000 },
      engine: { concurrency: 3 },
    });
  });
  afterAll(() => env.close());

  it('holds for random namespaces, operations and faults', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(specArb, { minLength: 1, maxLength: 6 }),
        fc.array(stepArb, { minLength: 1, maxLength: 4 }),
        async (specs, steps) => {
          const namespace = `prop-${++counter}`;
          for (const obj of [
            namespaceObject(namespace),
            ...objectsFor(namespace, specs),
          ])
            env.sandbox.store.put(obj);
          for (const { op, faults } of steps) {
            const before = readLive(env, namespace, specs);
            for (const fault of faults) {
              env.sandbox.faults.add(
                faultRule(namespace, specs, fault.target, fault.rule),
              );
            }
            const result = await run(env, namespace, op);
            env.sandbox.faults.clear();
            const after = readLive(env, namespace, specs);

            expect(after).toEqual(allowed(before, after, op, result));
            expect((await env.engine.status(CLUSTER, namespace)).state).toBe(
              expectedState(after),
            );
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 60_000);
});
