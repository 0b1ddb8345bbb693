import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import { stringify } from 'yaml';
import {
  componentClaiming,
  LENIENT_GOVERNANCE,
  TEAM_COMMERCE,
} from '../../src/__testUtils__/startPluginBackend';
import { namespaceSchedulerClustersExtensionPoint } from '@namespace-scheduler/backstage-plugin-node';
import { namespaceSchedulerPlugin } from '../../src/plugin';
import { SandboxProcess, startSandboxProcess } from './sandboxProcess';

/**
 * A fleet for the API and memory benches: sandbox clusters in their own
 * processes holding `namespaces` namespaces (spread round-robin) of
 * `workloadsPer` workloads each (70 % Deployments, 20 % StatefulSets, 10 %
 * CronJobs), and catalog Components claiming them ten at a time.
 */
export interface FleetShape {
  clusters: number;
  namespaces: number;
  workloadsPer: number;
}

export interface Fleet {
  sandboxes: SandboxProcess[];
  clusterNames: string[];
  /** Component i claims namespaces 10i … 10i+9. */
  entities: Entity[];
  stop(): Promise<void>;
}

/** Workloads become ready at once (a woken StatefulSet must be seen to accept its scale). */
const READY_AT_ONCE_MS = 0;

export const clusterName = (i: number) => `cluster-${i + 1}`;
export const namespaceName = (i: number) => `ns-${String(i).padStart(4, '0')}`;
export const componentName = (i: number) => `svc-${String(i).padStart(3, '0')}`;

function workload(namespace: string, i: number, count: number): object {
  const name = `w-${String(i).padStart(2, '0')}`;
  const labels = { app: name };
  const template = {
    metadata: { labels },
    spec: {
      containers: [
        {
          name,
          image: `${name}:1`,
          resources: { requests: { cpu: '100m', memory: '128Mi' } },
        },
      ],
    },
  };
  const metadata = { name, namespace };
  if (i >= Math.ceil(count * 0.9)) {
    return {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata,
      spec: {
        schedule: '0 * * * *',
        jobTemplate: {
          spec: {
            template: { spec: { ...template.spec, restartPolicy: 'Never' } },
          },
        },
      },
    };
  }
  const kind = i >= Math.ceil(count * 0.7) ? 'StatefulSet' : 'Deployment';
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata,
    spec: {
      replicas: (i % 3) + 1,
      selector: { matchLabels: labels },
      template,
      ...(kind === 'StatefulSet' ? { serviceName: name } : {}),
    },
  };
}

function manifests(shape: FleetShape, cluster: number): string {
  const docs: object[] = [];
  for (let n = cluster; n < shape.namespaces; n += shape.clusters) {
    const namespace = namespaceName(n);
    docs.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace },
    });
    for (let w = 0; w < shape.workloadsPer; w++) {
      docs.push(workload(namespace, w, shape.workloadsPer));
    }
  }
  return docs.map(doc => stringify(doc)).join('---\n');
}

/** Component i claims namespaces 10i … 10i+9, spread over the clusters. */
export function fleetEntities(shape: FleetShape): Entity[] {
  const entities: Entity[] = [];
  for (let c = 0; c * 10 < shape.namespaces; c++) {
    const claimed = Array.from(
      { length: Math.min(10, shape.namespaces - c * 10) },
      (_, k) => c * 10 + k,
    ).map(n => `${clusterName(n % shape.clusters)}/${namespaceName(n)}`);
    entities.push(componentClaiming(componentName(c), claimed.join(', ')));
  }
  return entities;
}

export async function startFleet(
  shape: FleetShape,
  latencyMs: number,
): Promise<Fleet> {
  const clusterNames = Array.from({ length: shape.clusters }, (_, i) =>
    clusterName(i),
  );
  const sandboxes = await Promise.all(
    clusterNames.map((_, i) =>
      startSandboxProcess(manifests(shape, i), READY_AT_ONCE_MS),
    ),
  );
  await Promise.all(sandboxes.map(s => s.setLatency(latencyMs)));
  const entities = fleetEntities(shape);
  return {
    sandboxes,
    clusterNames,
    entities,
    stop: async () => {
      await Promise.all(sandboxes.map(s => s.stop()));
    },
  };
}

/**
 * The real plugin in a Backstage test backend (startTestBackend): SQLite in
 * memory, the catalog service mock holding `entities`, every permission
 * allowed, the fleet's clusters added through the plugin's extension point.
 */
export async function startPluginOnFleet(options: {
  fleet: {
    sandboxes: Pick<SandboxProcess, 'kubeConfigYaml'>[];
    clusterNames: string[];
  };
  entities: Entity[];
  config?: JsonObject;
}): Promise<{ baseUrl: string; stop(): Promise<void> }> {
  const clusters = createBackendModule({
    pluginId: 'namespace-scheduler',
    moduleId: 'bench-fleet',
    register(reg) {
      reg.registerInit({
        deps: { extension: namespaceSchedulerClustersExtensionPoint },
        async init({ extension }) {
          options.fleet.sandboxes.forEach((sandbox, i) =>
            extension.addCluster({
              name: options.fleet.clusterNames[i],
              kubeConfig: sandbox.kubeConfigYaml,
            }),
          );
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [
      namespaceSchedulerPlugin,
      clusters,
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      catalogServiceMock.factory({
        entities: [...options.entities, TEAM_COMMERCE],
      }),
      mockServices.rootConfig.factory({
        data: {
          namespaceScheduler: {
            defaultCluster: options.fleet.clusterNames[0] ?? 'none',
            ...LENIENT_GOVERNANCE,
            ...options.config,
          },
        },
      }),
    ],
  });
  return {
    baseUrl: `http://127.0.0.1:${backend.server.port()}/api/namespace-scheduler`,
    stop: () => backend.stop(),
  };
}

const WATCHED = [
  'namespaces',
  'statefulsets',
  'deployments',
  'horizontalpodautoscalers',
  'cronjobs',
];

/**
 * Until every sandbox has seen a watch of every collection, i.e. the
 * plugin's cluster-state cache has listed them all. Waiting without reading
 * status keeps startup from reading every namespace live meanwhile.
 */
export async function waitForClusterState(fleet: {
  sandboxes: Pick<SandboxProcess, 'stats'>[];
}): Promise<void> {
  const started = Date.now();
  for (;;) {
    const stats = await Promise.all(fleet.sandboxes.map(s => s.stats()));
    const synced = stats.every(s =>
      WATCHED.every(resource =>
        s.requests.some(r => r.verb === 'watch' && r.resource === resource),
      ),
    );
    if (synced) return;
    if (Date.now() - started > 120_000) throw new Error('cache not synced');
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}
