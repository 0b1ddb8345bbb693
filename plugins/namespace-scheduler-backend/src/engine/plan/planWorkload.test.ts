import { K8S_ANNOTATIONS } from '@namespace-scheduler/backstage-plugin-common';
import type { Workload } from '../workloads';
import type { Intent } from './intent';
import { OFF_BY_TEAM, planWorkload } from './planWorkload';

const context = { excluded: new Set<string>(['Deployment/kept']) };
const sleep: Intent = { operation: 'sleep' };
const wake: Intent = {
  operation: 'wake',
  storedOriginals: new Map([['Deployment/lost', 4]]),
};

function workload(partial: Partial<Workload>): Workload {
  return {
    kind: 'Deployment',
    name: 'web',
    resourceVersion: '1',
    annotations: {},
    level: 3,
    ...partial,
  };
}

describe('planWorkload', () => {
  it('records the original in the same write that stops the workload', () => {
    expect(planWorkload(sleep, workload({}), context)).toMatchObject({
      type: 'change',
      change: {
        from: { level: 3, marker: null },
        to: { level: 0, marker: '3' },
        phase: 1,
      },
    });
  });

  it('keeps an existing original when sleeping a drifted workload', () => {
    const drifted = workload({
      level: 1,
      annotations: { [K8S_ANNOTATIONS.originalReplicas]: '5' },
    });
    expect(planWorkload(sleep, drifted, context)).toMatchObject({
      change: { to: { level: 0, marker: '5' } },
    });
  });

  it('skips what is asleep already, excluded, or scales an excluded target', () => {
    const slept = workload({
      level: 0,
      annotations: { [K8S_ANNOTATIONS.originalReplicas]: '3' },
    });
    expect(planWorkload(sleep, slept, context)).toMatchObject({
      type: 'skip',
      reason: 'already asleep',
    });
    expect(planWorkload(sleep, workload({ level: 0 }), context)).toMatchObject({
      type: 'skip',
      reason: OFF_BY_TEAM,
    });
    const excluded = workload({
      annotations: { [K8S_ANNOTATIONS.downscalerExclude]: 'true' },
    });
    expect(planWorkload(sleep, excluded, context)).toMatchObject({
      reason: 'excluded by downscaler/exclude',
    });
    const hpa = workload({
      kind: 'HorizontalPodAutoscaler',
      target: { kind: 'Deployment', name: 'kept' },
    });
    expect(planWorkload(sleep, hpa, context)).toMatchObject({
      reason: 'its target Deployment/kept is excluded',
    });
  });

  it('wakes from our annotation, then downscaler, then stored originals; a garbled marker at 1', () => {
    const to = (w: Workload) => planWorkload(wake, w, context);
    expect(
      to(
        workload({
          level: 0,
          annotations: { [K8S_ANNOTATIONS.originalReplicas]: '2' },
        }),
      ),
    ).toMatchObject({ change: { to: { level: 2, marker: null } } });
    expect(
      to(
        workload({
          level: 0,
          annotations: { [K8S_ANNOTATIONS.downscalerOriginalReplicas]: '6' },
        }),
      ),
    ).toMatchObject({ change: { to: { level: 6 } } });
    expect(to(workload({ name: 'lost', level: 0 }))).toMatchObject({
      change: { to: { level: 4 } },
    });
    expect(
      to(
        workload({
          level: 0,
          annotations: { [K8S_ANNOTATIONS.originalReplicas]: 'lots' },
        }),
      ),
    ).toMatchObject({ change: { to: { level: 1, marker: null } } });
    expect(to(workload({ level: 2 }))).toMatchObject({
      type: 'skip',
      reason: 'already awake',
    });
  });

  it('never starts what the team stopped before the sleep, whatever the kind', () => {
    const wakeOrScale: Intent[] = [
      wake,
      { operation: 'scale', replicas: 3, storedOriginals: new Map() },
    ];
    const off = [
      workload({ level: 0 }),
      workload({ kind: 'StatefulSet', level: 0 }),
      workload({ kind: 'CronJob', level: 0 }),
      workload({ kind: 'ScaledObject', level: 0 }),
    ];
    for (const intent of wakeOrScale) {
      for (const w of off) {
        expect(planWorkload(intent, w, context)).toEqual({
          type: 'skip',
          workload: w,
          reason: OFF_BY_TEAM,
        });
      }
    }
  });

  it('lowers an HPA to minReplicas 1 and restores it exactly', () => {
    const hpa = workload({ kind: 'HorizontalPodAutoscaler', level: 3 });
    expect(planWorkload(sleep, hpa, context)).toMatchObject({
      change: { to: { level: 1, marker: '3' }, phase: 2 },
    });
    const slept = {
      ...hpa,
      level: 1,
      annotations: { [K8S_ANNOTATIONS.originalMinReplicas]: '3' },
    };
    expect(planWorkload(wake, slept, context)).toMatchObject({
      change: { to: { level: 3, marker: null } },
    });
    expect(planWorkload(sleep, { ...hpa, level: 1 }, context)).toMatchObject({
      type: 'skip',
    });
  });

  it('honours the wake-phase annotation', () => {
    const early = workload({
      annotations: { [K8S_ANNOTATIONS.wakePhase]: '-2' },
    });
    expect(planWorkload(sleep, early, context)).toMatchObject({
      change: { phase: -2 },
    });
  });
});
