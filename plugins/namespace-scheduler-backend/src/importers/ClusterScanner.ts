import type { V1ObjectMeta } from '@kubernetes/client-node';
import type { MigrationTool } from '@namespace-scheduler/backstage-plugin-common';
import type { ClusterAccess, ClusterClient } from '../clusters';
import { httpStatusOf } from '../engine/errors';
import { Clock, systemClock } from '../time/Clock';
import {
  downscalerAnnotations,
  mapNamespaceAnnotations,
  mapWorkloadAnnotations,
} from './downscaler';
import { mapSleepInfo, SLEEP_INFO, SleepInfoSpec } from './kubeGreen';
import { annotationLines, Mapping } from './types';

/** One object of another tool on a cluster, mapped. */
export type FoundSchedule = {
  tool: MigrationTool;
  cluster: string;
  namespace: string;
  source: { kind: string; name: string };
  original: string;
  mapping: Mapping;
};

type Listed = { metadata?: V1ObjectMeta };

/**
 * Reads what kube-downscaler and kube-green were told on one cluster: the
 * downscaler annotations of namespaces and workloads, and every SleepInfo.
 * Read only, through the cluster's resilient clients; a one-off admin scan,
 * so whole lists are read (no cache, no watch).
 */
export class ClusterScanner {
  static create(options: { clusters: ClusterAccess; clock?: Clock }) {
    return new ClusterScanner(options.clusters, options.clock ?? systemClock);
  }

  private constructor(
    private readonly clusters: ClusterAccess,
    private readonly clock: Clock,
  ) {}

  async scan(cluster: string): Promise<FoundSchedule[]> {
    const client = this.clusters.get(cluster);
    const [namespaces, workloads, sleepInfos] = await Promise.all([
      this.namespaces(client),
      this.workloads(client),
      this.sleepInfos(client),
    ]);
    return [...namespaces, ...workloads, ...sleepInfos];
  }

  private async namespaces(client: ClusterClient): Promise<FoundSchedule[]> {
    const { items } = await client.core.listNamespace();
    const now = this.clock.now().getTime();
    return this.annotated(client.name, 'Namespace', items, annotations =>
      mapNamespaceAnnotations(annotations, now),
    );
  }

  private async workloads(client: ClusterClient): Promise<FoundSchedule[]> {
    const [deployments, statefulSets, cronJobs] = await Promise.all([
      client.apps.listDeploymentForAllNamespaces(),
      client.apps.listStatefulSetForAllNamespaces(),
      client.batch.listCronJobForAllNamespaces(),
    ]);
    const of = (kind: string, items: Listed[]) =>
      this.annotated(client.name, kind, items, annotations =>
        mapWorkloadAnnotations(kind, annotations),
      );
    return [
      ...of('Deployment', deployments.items),
      ...of('StatefulSet', statefulSets.items),
      ...of('CronJob', cronJobs.items),
    ];
  }

  private annotated(
    cluster: string,
    kind: string,
    items: Listed[],
    map: (annotations: Record<string, string>) => Mapping,
  ): FoundSchedule[] {
    return items.flatMap(({ metadata }) => {
      const annotations = downscalerAnnotations(metadata?.annotations);
      if (Object.keys(annotations).length === 0) return [];
      const name = metadata?.name ?? '';
      return [
        {
          tool: 'kube-downscaler' as const,
          cluster,
          // A namespace is its own namespace.
          namespace: kind === 'Namespace' ? name : metadata?.namespace ?? '',
          source: { kind, name },
          original: annotationLines(annotations),
          mapping: map(annotations),
        },
      ];
    });
  }

  /** Every SleepInfo; a cluster without kube-green's CRD has none. */
  private async sleepInfos(client: ClusterClient): Promise<FoundSchedule[]> {
    let list: unknown;
    try {
      list = await client.customObjects.listClusterCustomObject({
        group: SLEEP_INFO.group,
        version: SLEEP_INFO.version,
        plural: SLEEP_INFO.plural,
      });
    } catch (error) {
      if (httpStatusOf(error) === 404) return [];
      throw error;
    }
    return itemsOf(list).map(item => {
      const name = item.metadata?.name ?? '';
      const spec = item.spec ?? {};
      return {
        tool: 'kube-green' as const,
        cluster: client.name,
        namespace: item.metadata?.namespace ?? '',
        source: { kind: SLEEP_INFO.kind, name },
        original: specLines(spec),
        mapping: mapSleepInfo(name, spec),
      };
    });
  }
}

type SleepInfo = Listed & { spec?: SleepInfoSpec };

/** The custom-objects API is untyped: keep the items shaped like objects. */
function itemsOf(list: unknown): SleepInfo[] {
  const items =
    typeof list === 'object' && list !== null && 'items' in list
      ? list.items
      : [];
  return Array.isArray(items)
    ? items.filter(
        (item): item is SleepInfo => typeof item === 'object' && item !== null,
      )
    : [];
}

/** The spec as `field: value` lines, values as JSON when not text. */
function specLines(spec: SleepInfoSpec): string {
  return Object.entries(spec)
    .map(
      ([key, value]) =>
        `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
    )
    .join('\n');
}
