import { K8S_ANNOTATIONS } from '@namespace-scheduler/backstage-plugin-common';
import type { Workload } from '../workloads';
import type { Intent } from './intent';
import { planNamespace, ScaleOutOfBoundsError } from './planNamespace';

const scale = (replicas: number): Intent => ({
  operation: 'scale',
  replicas,
  storedOriginals: new Map(),
});

function deployment(name: string, level: number, marker?: string): Workload {
  return {
    kind: 'Deployment',
    name,
    resourceVersion: '1',
    annotations:
      marker === undefined
        ? {}
        : { [K8S_ANNOTATIONS.originalReplicas]: marker },
    level,
  };
}

/** An HPA of Deployment `target`; `marker` is the original minReplicas a sleep recorded. */
function hpa(
  target: string,
  bounds: { min: number; max: number; marker?: string },
): Workload {
  return {
    kind: 'HorizontalPodAutoscaler',
    name: `${target}-hpa`,
    resourceVersion: '1',
    annotations:
      bounds.marker === undefined
        ? {}
        : { [K8S_ANNOTATIONS.originalMinReplicas]: bounds.marker },
    level: bounds.min,
    maxReplicas: bounds.max,
    target: { kind: 'Deployment', name: target },
  };
}

const levels = (plan: ReturnType<typeof planNamespace>) =>
  Object.fromEntries(
    plan.changes.map(c => [`${c.workload.kind}/${c.workload.name}`, c.to]),
  );

describe('planNamespace: a scale and the autoscalers', () => {
  const awake = [deployment('web', 3), hpa('web', { min: 2, max: 10 })];
  const asleep = [
    deployment('web', 0, '3'),
    hpa('web', { min: 1, max: 10, marker: '2' }),
  ];

  it('scales within the HPA bounds and leaves the HPA as it is', () => {
    const plan = planNamespace(scale(5), awake);
    expect(levels(plan)).toEqual({
      'Deployment/web': { level: 5, marker: null },
    });
    expect(planNamespace(scale(10), awake).changes).toHaveLength(1);
  });

  it('refuses a target below minReplicas or above maxReplicas, naming the field and the HPA', () => {
    expect(() => planNamespace(scale(1), awake)).toThrow(ScaleOutOfBoundsError);
    expect(() => planNamespace(scale(1), awake)).toThrow(
      /^replicas: 1 is below minReplicas 2 of HorizontalPodAutoscaler web-hpa, which would scale it back up \(it scales Deployment web\)/,
    );
    expect(() => planNamespace(scale(101), awake)).toThrow(
      /^replicas: 101 is above maxReplicas 10 of HorizontalPodAutoscaler web-hpa/,
    );
  });

  it('while asleep, bounds a scale by the minReplicas the wake restores, and restores it with the scale', () => {
    // The case: scale to 1 would have set web to 1 and the HPA back to 2.
    expect(() => planNamespace(scale(1), asleep)).toThrow(
      /below minReplicas 2 of HorizontalPodAutoscaler web-hpa/,
    );
    expect(levels(planNamespace(scale(2), asleep))).toEqual({
      'Deployment/web': { level: 2, marker: null },
      'HorizontalPodAutoscaler/web-hpa': { level: 2, marker: null },
    });
  });

  it('a scale to 0 is a sleep whatever the HPAs; HPAs of workloads it leaves alone do not bound it', () => {
    expect(levels(planNamespace(scale(0), awake))).toEqual({
      'Deployment/web': { level: 0, marker: '3' },
      'HorizontalPodAutoscaler/web-hpa': { level: 1, marker: '2' },
    });
    const stoppedByTeam = [
      deployment('web', 0),
      hpa('web', { min: 2, max: 10 }),
      deployment('api', 1),
    ];
    expect(levels(planNamespace(scale(20), stoppedByTeam))).toEqual({
      'Deployment/api': { level: 20, marker: null },
    });
    const excluded = [
      {
        ...deployment('web', 3),
        annotations: { [K8S_ANNOTATIONS.exclude]: 'true' },
      },
      hpa('web', { min: 2, max: 10 }),
      deployment('api', 1),
    ];
    expect(levels(planNamespace(scale(1), excluded))).toEqual({});
    expect(levels(planNamespace(scale(20), excluded))).toEqual({
      'Deployment/api': { level: 20, marker: null },
    });
  });
});
