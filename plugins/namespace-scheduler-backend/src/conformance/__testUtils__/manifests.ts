import type { KubeObject } from '@namespace-scheduler/kube-sandbox';

/** Objects the conformance tests create, valid on kube-apiserver and the sandbox alike. */

type Annotations = Record<string, string>;

function podTemplate(name: string) {
  return {
    metadata: { labels: { app: name } },
    spec: { containers: [{ name: 'main', image: `example/${name}:1` }] },
  };
}

export function namespaceObject(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

export function deployment(
  namespace: string,
  name: string,
  replicas: number,
  annotations: Annotations = {},
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, annotations },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: podTemplate(name),
    },
  };
}

export function statefulSet(
  namespace: string,
  name: string,
  replicas: number,
  annotations: Annotations = {},
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace, annotations },
    spec: {
      replicas,
      serviceName: name,
      selector: { matchLabels: { app: name } },
      template: podTemplate(name),
    },
  };
}

export function cronJob(
  namespace: string,
  name: string,
  suspend: boolean,
  annotations: Annotations = {},
): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace, annotations },
    spec: {
      // Once a year: no Job appears while a test runs.
      schedule: '0 3 1 1 *',
      suspend,
      jobTemplate: {
        spec: {
          template: {
            spec: {
              restartPolicy: 'Never',
              containers: [{ name: 'job', image: `example/${name}:1` }],
            },
          },
        },
      },
    },
  };
}

/**
 * An HPA on a Deployment. Keep the target's replicas within [min, max]: the
 * real HPA controller moves a target outside them (even without metrics).
 */
export function hpa(
  namespace: string,
  name: string,
  target: string,
  minReplicas: number,
  maxReplicas: number,
  annotations: Annotations = {},
): KubeObject {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name, namespace, annotations },
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: target,
      },
      minReplicas,
      maxReplicas,
    },
  };
}

export function scaledObject(
  namespace: string,
  name: string,
  target: string,
  annotations: Annotations = {},
): KubeObject {
  return {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: { name, namespace, annotations },
    spec: { scaleTargetRef: { name: target } },
  };
}

export function podDisruptionBudget(
  namespace: string,
  name: string,
  labels: Record<string, string> = {},
): KubeObject {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace, labels },
    spec: { minAvailable: 1, selector: { matchLabels: { app: name } } },
  };
}

/**
 * The ScaledObject CRD as KEDA installs it, reduced to the fields the engine
 * reads, with a structural schema that keeps the rest.
 */
export const SCALED_OBJECT_CRD: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'scaledobjects.keda.sh' },
  spec: {
    group: 'keda.sh',
    names: {
      kind: 'ScaledObject',
      listKind: 'ScaledObjectList',
      plural: 'scaledobjects',
      singular: 'scaledobject',
      shortNames: ['so'],
    },
    scope: 'Namespaced',
    versions: [
      {
        name: 'v1alpha1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                'x-kubernetes-preserve-unknown-fields': true,
                properties: {
                  scaleTargetRef: {
                    type: 'object',
                    required: ['name'],
                    properties: {
                      apiVersion: { type: 'string' },
                      kind: { type: 'string' },
                      name: { type: 'string' },
                    },
                  },
                },
              },
              status: {
                type: 'object',
                'x-kubernetes-preserve-unknown-fields': true,
              },
            },
          },
        },
      },
    ],
  },
};
