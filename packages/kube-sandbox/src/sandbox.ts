import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Cluster } from './cluster';
import { WorkloadController } from './controller';
import { FaultInjector } from './faults';
import {
  KubeConfigOptions,
  kubeConfigOptions,
  kubeConfigYaml,
} from './kubeconfig';
import { ResourceRegistry } from './resources';
import { loadManifests } from './seed';
import { requestHandler } from './server';
import { RequestStats, StatsSnapshot } from './stats';
import { ObjectStore } from './store';
import { Timers } from './timers';
import { KubeObject } from './types';

export interface KubeSandboxOptions {
  /** Port to listen on; default 0 (a free one). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** When set, every API request needs `Authorization: Bearer <token>` (else 401). */
  token?: string;
  /** A directory of multi-document YAML manifests to load at start. */
  seedDir?: string;
  /** More objects to load at start (after `seedDir`). */
  objects?: KubeObject[];
  /** Serve the keda.sh/v1alpha1 ScaledObject API and its CRD. Default false. */
  keda?: boolean;
  /**
   * Serve kube-green's kube-green.com/v1alpha1 SleepInfo API and its CRD.
   * Default: when the seed or `objects` hold a SleepInfo.
   */
  kubeGreen?: boolean;
  /**
   * How long after a spec change the workload's replicas are ready (ready
   * replicas, pods). Default 0: as soon as the controller has observed it.
   */
  readyDelayMs?: number;
  /**
   * How long the workload controllers take to observe a change
   * (`status.observedGeneration`, the replica counters). Default 0: right
   * after the write is answered. A long delay stands for a controller
   * manager that is down.
   */
  controllerDelayMs?: number;
  /** Cluster name in the kubeconfig. Default "sandbox". */
  name?: string;
  /** Serve `/sandbox/faults` and `/sandbox/stats` for out-of-process tests. Default false. */
  adminApi?: boolean;
  /** Latency added to every request. Default 0. */
  latencyMs?: number;
  /** Events kept for watch replays and paged lists. Default 1000. */
  watchHistory?: number;
}

/** Direct access to the objects, bypassing HTTP (and faults), for test setup and assertions. */
export interface SandboxStore {
  /** `kind` is the Kind, e.g. "Deployment"; namespace is ignored for cluster-scoped kinds. */
  get(
    kind: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined;
  list(kind: string, namespace?: string): KubeObject[];
  /**
   * Creates or replaces an object, with the server's defaulting and validation (throws an
   * ApiError when invalid). A `status` you give is kept; without one the server's applies.
   */
  put(obj: KubeObject): KubeObject;
  /** Returns false when there was nothing to delete. */
  delete(kind: string, namespace: string | undefined, name: string): boolean;
  /** The latest resourceVersion. */
  readonly resourceVersion: string;
}

export interface KubeSandbox {
  readonly name: string;
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly port: number;
  readonly faults: FaultInjector;
  readonly store: SandboxStore;
  kubeConfigYaml(contextName?: string): string;
  /** For `new KubeConfig().loadFromOptions(...)`. */
  kubeConfigOptions(contextName?: string): KubeConfigOptions;
  stats(): StatsSnapshot;
  resetStats(): void;
  /** Stops serving, ends open watches and hung requests, cancels timers. */
  close(): Promise<void>;
}

const SYSTEM_NAMESPACES = [
  'default',
  'kube-node-lease',
  'kube-public',
  'kube-system',
];

const KUBE_GREEN_CRD: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'sleepinfos.kube-green.com' },
  spec: {
    group: 'kube-green.com',
    names: {
      kind: 'SleepInfo',
      listKind: 'SleepInfoList',
      plural: 'sleepinfos',
      singular: 'sleepinfo',
    },
    scope: 'Namespaced',
    versions: [
      {
        name: 'v1alpha1',
        served: true,
        storage: true,
        subresources: { status: {} },
      },
    ],
  },
};

const KEDA_CRD: KubeObject = {
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
      },
    ],
  },
};

export async function startKubeSandbox(
  options: KubeSandboxOptions = {},
): Promise<KubeSandbox> {
  const name = options.name ?? 'sandbox';
  const readyDelayMs = options.readyDelayMs ?? 0;
  const given = givenObjects(options);
  const kubeGreen =
    options.kubeGreen ?? given.some(obj => obj.kind === 'SleepInfo');
  const registry = ResourceRegistry.create({
    keda: options.keda ?? false,
    kubeGreen,
  });
  const objectStore = new ObjectStore(options.watchHistory ?? 1000);
  const timers = new Timers();
  const controllerDelayMs = options.controllerDelayMs ?? 0;
  const controller = new WorkloadController(objectStore, timers, {
    readyDelayMs,
    controllerDelayMs,
  });
  const cluster = new Cluster(
    objectStore,
    registry,
    readyDelayMs === 0 && controllerDelayMs === 0,
  );
  const faults = new FaultInjector();
  faults.latencyMs = options.latencyMs ?? 0;
  const stats = new RequestStats();

  const store = sandboxStore(cluster);
  for (const obj of initialObjects(given, { ...options, kubeGreen })) {
    store.put(obj);
  }

  const host = options.host ?? '127.0.0.1';
  let url = '';
  const server = createServer(
    requestHandler({
      cluster,
      faults,
      stats,
      timers,
      token: options.token,
      adminApi: options.adminApi ?? false,
      serverAddress: () => url.replace('http://', ''),
    }),
  );
  const port = await listen(server, options.port ?? 0, host);
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const config = (contextName?: string) =>
    kubeConfigOptions(name, url, options.token, contextName);
  return {
    name,
    url,
    port,
    faults,
    store,
    kubeConfigOptions: config,
    kubeConfigYaml: contextName => kubeConfigYaml(config(contextName)),
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    close: async () => {
      timers.clear();
      controller.stop();
      await new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** The seed's objects, then the given ones. */
function givenObjects(options: KubeSandboxOptions): KubeObject[] {
  return [
    ...(options.seedDir ? loadManifests(options.seedDir) : []),
    ...(options.objects ?? []),
  ];
}

/** System namespaces, the CRDs, then seeds and given objects, namespaces before the rest. */
function initialObjects(
  given: KubeObject[],
  options: { keda?: boolean; kubeGreen: boolean },
): KubeObject[] {
  const namespaces: KubeObject[] = SYSTEM_NAMESPACES.map(ns => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: ns },
  }));
  return [
    ...namespaces,
    ...(options.keda ? [KEDA_CRD] : []),
    ...(options.kubeGreen ? [KUBE_GREEN_CRD] : []),
    ...given.filter(obj => obj.kind === 'Namespace'),
    ...given.filter(obj => obj.kind !== 'Namespace'),
  ];
}

function sandboxStore(cluster: Cluster): SandboxStore {
  const scope = (kind: string, namespace: string | undefined) =>
    cluster.registry.byKind(kind)?.namespaced ? namespace : undefined;
  return {
    get: (kind, namespace, name) =>
      cluster.store.get(kind, scope(kind, namespace), name),
    list: (kind, namespace) => cluster.store.list(kind, scope(kind, namespace)),
    put: obj => cluster.put(obj, { keepStatus: obj.status !== undefined }),
    delete: (kind, namespace, name) => {
      const def = cluster.registry.byKind(kind);
      if (!def || !cluster.store.get(kind, scope(kind, namespace), name))
        return false;
      cluster.remove(def, scope(kind, namespace), name);
      return true;
    },
    get resourceVersion() {
      return String(cluster.store.currentRevision);
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
