import type {
  KubernetesObject,
  V1CronJob,
  V1Deployment,
  V1StatefulSet,
  V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';
import { K8S_ANNOTATIONS } from '@namespace-scheduler/backstage-plugin-common';
import type { ClusterClient } from '../clusters';
import {
  cronJobWorkload,
  deploymentWorkload,
  hpaWorkload,
  scaledObjectWorkload,
  statefulSetWorkload,
  Workload,
} from '../engine';
import type { Keyed, ListPage, ReflectorSource } from './Reflector';
import { isKubeObject, metaOf, untypedList } from './watchEvents';

/** Annotation prefixes the engine reads; the rest (e.g. last-applied-configuration) is not kept. */
const KEPT_ANNOTATION_PREFIXES = [
  ...new Set(
    Object.values(K8S_ANNOTATIONS).map(a => a.slice(0, a.indexOf('/') + 1)),
  ),
];

/** A workload as cached: the engine's view with only the annotations it reads. */
function slim(workload: Workload): Workload {
  const annotations = Object.fromEntries(
    Object.entries(workload.annotations).filter(([key]) =>
      KEPT_ANNOTATION_PREFIXES.some(prefix => key.startsWith(prefix)),
    ),
  );
  return { ...workload, annotations };
}

function keyed<T extends KubernetesObject>(
  object: T,
  toWorkload: (object: T) => Workload,
): Keyed<Workload> {
  return {
    namespace: object.metadata?.namespace ?? '',
    name: object.metadata?.name ?? '',
    value: slim(toWorkload(object)),
  };
}

/**
 * A built-in collection read as untyped JSON through the custom-objects API
 * (same /apis/{group}/{version}/{plural} path, same client and rate limit):
 * list items and watch objects take one path into the engine's model, and
 * the client's model deserialization, which only the cache's conversion
 * would read, is skipped: it made the initial lists' garbage several times
 * larger.
 */
function jsonSource<T extends KubernetesObject>(
  client: ClusterClient,
  definition: {
    group: string;
    version: string;
    plural: string;
    toWorkload(object: T): Workload;
  },
): ReflectorSource<Workload> {
  const { group, version, plural } = definition;
  const fromJson = (object: unknown): Keyed<Workload> => {
    if (!isKubeObject<T>(object)) {
      throw new Error(`Unexpected ${plural} object`);
    }
    return keyed(object, definition.toWorkload);
  };
  return {
    resource: plural,
    path: `/apis/${group}/${version}/${plural}`,
    listPage: async (limit, continueToken): Promise<ListPage<Workload>> => {
      const page = untypedList(
        await client.customObjects.listClusterCustomObject({
          group,
          version,
          plural,
          limit,
          _continue: continueToken,
        }),
      );
      return { ...page, items: page.items.map(fromJson) };
    },
    fromEvent: fromJson,
  };
}

/**
 * The workload collections of a cluster in the engine's reading order
 * (StatefulSets, Deployments, HPAs, CronJobs, then ScaledObjects), so cached
 * status lists workloads as a live read does.
 */
export function workloadSources(
  client: ClusterClient,
  keda: boolean,
): ReflectorSource<Workload>[] {
  const builtIn = [
    jsonSource<V1StatefulSet>(client, {
      group: 'apps',
      version: 'v1',
      plural: 'statefulsets',
      toWorkload: statefulSetWorkload,
    }),
    jsonSource<V1Deployment>(client, {
      group: 'apps',
      version: 'v1',
      plural: 'deployments',
      toWorkload: deploymentWorkload,
    }),
    jsonSource<V2HorizontalPodAutoscaler>(client, {
      group: 'autoscaling',
      version: 'v2',
      plural: 'horizontalpodautoscalers',
      toWorkload: hpaWorkload,
    }),
    jsonSource<V1CronJob>(client, {
      group: 'batch',
      version: 'v1',
      plural: 'cronjobs',
      toWorkload: cronJobWorkload,
    }),
  ];
  return keda ? [...builtIn, scaledObjectSource(client)] : builtIn;
}

/** KEDA ScaledObjects, through the untyped custom-objects API. */
function scaledObjectSource(client: ClusterClient): ReflectorSource<Workload> {
  const fromJson = (object: unknown): Keyed<Workload> => {
    const { namespace, name } = metaOf(object);
    return { namespace, name, value: slim(scaledObjectWorkload(object)) };
  };
  return {
    resource: 'scaledobjects',
    path: '/apis/keda.sh/v1alpha1/scaledobjects',
    listPage: async (limit, continueToken) => {
      const page = untypedList(
        await client.customObjects.listClusterCustomObject({
          group: 'keda.sh',
          version: 'v1alpha1',
          plural: 'scaledobjects',
          limit,
          _continue: continueToken,
        }),
      );
      return { ...page, items: page.items.map(fromJson) };
    },
    fromEvent: fromJson,
  };
}

/** Namespaces: only their names are kept. */
export function namespaceSource(client: ClusterClient): ReflectorSource<true> {
  const fromMeta = (object: unknown): Keyed<true> => ({
    namespace: '',
    name: metaOf(object).name,
    value: true,
  });
  return {
    resource: 'namespaces',
    path: '/api/v1/namespaces',
    listPage: async (limit, continueToken) => {
      const page = await client.core.listNamespace({
        limit,
        _continue: continueToken,
      });
      return {
        items: page.items.map(item => ({
          namespace: '',
          name: item.metadata?.name ?? '',
          value: true,
        })),
        resourceVersion: page.metadata?.resourceVersion,
        continueToken: page.metadata?._continue || undefined,
      };
    },
    fromEvent: fromMeta,
  };
}
