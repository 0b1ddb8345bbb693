import {
  ControlPlane,
  ControlPlaneOptions,
  globalControlPlane,
  startControlPlane,
} from '@namespace-scheduler/kube-harness';
import {
  KubeObject,
  KubeSandbox,
  KubeSandboxOptions,
  startKubeSandbox,
} from '@namespace-scheduler/kube-sandbox';
import { setTimeout as sleep } from 'node:timers/promises';
import { SCALED_OBJECT_CRD } from './manifests';
import { MERGE_PATCH, RawKube } from './rawKube';

/** Which API server a conformance test runs against. */
export type ServerName = 'sandbox' | 'kube-apiserver';

/** The fields sleep and wake touch, as the tests compare them. */
export interface Essentials {
  replicas?: number;
  suspend?: boolean;
  minReplicas?: number;
  annotations: Record<string, string>;
}

/** Where each kind the tests use is served. */
const RESOURCES: Record<
  string,
  { prefix: string; plural: string; namespaced: boolean }
> = {
  Namespace: { prefix: '/api/v1', plural: 'namespaces', namespaced: false },
  Pod: { prefix: '/api/v1', plural: 'pods', namespaced: true },
  ResourceQuota: {
    prefix: '/api/v1',
    plural: 'resourcequotas',
    namespaced: true,
  },
  Deployment: {
    prefix: '/apis/apps/v1',
    plural: 'deployments',
    namespaced: true,
  },
  StatefulSet: {
    prefix: '/apis/apps/v1',
    plural: 'statefulsets',
    namespaced: true,
  },
  CronJob: { prefix: '/apis/batch/v1', plural: 'cronjobs', namespaced: true },
  HorizontalPodAutoscaler: {
    prefix: '/apis/autoscaling/v2',
    plural: 'horizontalpodautoscalers',
    namespaced: true,
  },
  PodDisruptionBudget: {
    prefix: '/apis/policy/v1',
    plural: 'poddisruptionbudgets',
    namespaced: true,
  },
  ScaledObject: {
    prefix: '/apis/keda.sh/v1alpha1',
    plural: 'scaledobjects',
    namespaced: true,
  },
  CustomResourceDefinition: {
    prefix: '/apis/apiextensions.k8s.io/v1',
    plural: 'customresourcedefinitions',
    namespaced: false,
  },
};

/** The collection path of a kind (in a namespace), and of one object when named. */
export function resourcePath(
  kind: string,
  namespace?: string,
  name?: string,
): string {
  const resource = RESOURCES[kind];
  if (!resource) throw new Error(`no path known for kind ${kind}`);
  const scope =
    resource.namespaced && namespace
      ? `/namespaces/${encodeURIComponent(namespace)}`
      : '';
  const named = name ? `/${encodeURIComponent(name)}` : '';
  return `${resource.prefix}${scope}/${resource.plural}${named}`;
}

const WORKLOAD_KINDS = [
  'Deployment',
  'StatefulSet',
  'CronJob',
  'HorizontalPodAutoscaler',
];

/**
 * An API server for the conformance tests. Everything goes through the HTTP
 * API, so the same test body holds on the sandbox and on kube-apiserver.
 */
export interface TestServer {
  readonly name: ServerName;
  /** Serves keda.sh ScaledObjects. */
  readonly keda: boolean;
  /** Raw access to the API (exact codes, bodies, watch streams). */
  readonly kube: RawKube;
  kubeConfigYaml(): string;
  /** Creates the objects in order (a namespace before its contents); throws on any refusal. */
  apply(objects: KubeObject[]): Promise<void>;
  /** A fresh namespace of this test run, created with the server's per-namespace setup. */
  createNamespace(name: string): Promise<void>;
  read(
    kind: string,
    namespace: string,
    name: string,
  ): Promise<KubeObject | undefined>;
  list(kind: string, namespace?: string): Promise<KubeObject[]>;
  /** `Kind/name` → the fields sleep and wake touch, listed through the API. */
  live(namespace: string): Promise<Record<string, Essentials>>;
  /** A merge patch, as someone else would send it; throws on a refusal. */
  patch(
    kind: string,
    namespace: string,
    name: string,
    body: object,
  ): Promise<KubeObject>;
  setReplicas(
    kind: 'Deployment' | 'StatefulSet',
    namespace: string,
    name: string,
    replicas: number,
  ): Promise<KubeObject>;
  annotate(
    kind: string,
    namespace: string,
    name: string,
    annotations: Record<string, string | null>,
  ): Promise<KubeObject>;
  /**
   * A merge patch that has landed when this returns, without yielding to the
   * event loop: for synchronous hooks (the engine's onProgress) that must
   * change an object before the engine's next request goes out.
   */
  patchNow(kind: string, namespace: string, name: string, body: object): void;
  /**
   * Until every Deployment and StatefulSet of the namespace has been observed
   * by its controller with as many pods as it asks for (and, with `ready`,
   * all of them ready). Needs pods to be created: not for podsNeverReady.
   */
  settled(
    namespace: string,
    options?: { ready?: boolean; timeoutMs?: number },
  ): Promise<void>;
  close(): Promise<void>;
}

export interface SandboxServer extends TestServer {
  readonly name: 'sandbox';
  readonly sandbox: KubeSandbox;
}

export interface RealServer extends TestServer {
  readonly name: 'kube-apiserver';
  /** Set when the server is a control plane of the test file's own. */
  readonly controlPlane?: ControlPlane;
}

function failed(what: string, response: { status: number; text: string }) {
  return new Error(`${what}: HTTP ${response.status} ${response.text}`);
}

function essentials(object: KubeObject): Essentials {
  const spec = (object.spec ?? {}) as {
    replicas?: number;
    suspend?: boolean;
    minReplicas?: number;
  };
  const annotations = Object.fromEntries(
    Object.entries(object.metadata.annotations ?? {}).filter(
      // Written by the deployment controller, not by the scheduler.
      ([key]) => !key.startsWith('deployment.kubernetes.io/'),
    ),
  );
  return {
    replicas: spec.replicas,
    suspend: spec.suspend,
    minReplicas: spec.minReplicas,
    annotations,
  };
}

interface ApiServerOptions {
  name: ServerName;
  keda: boolean;
  kubeConfigYaml: string;
  /** Objects created with each namespace (e.g. a ResourceQuota). */
  namespaceSetup?: (namespace: string) => KubeObject[];
  patchNow: (
    kube: RawKube,
    kind: string,
    namespace: string,
    name: string,
    body: object,
  ) => void;
  close: () => Promise<void>;
}

/** What both servers share: everything through the API. */
function apiServer(options: ApiServerOptions): TestServer {
  const kube = new RawKube(options.kubeConfigYaml);

  const create = async (object: KubeObject) => {
    const path = resourcePath(object.kind, object.metadata.namespace);
    const response = await kube.request('POST', path, object);
    if (response.status !== 201) {
      throw failed(`create ${object.kind} ${object.metadata.name}`, response);
    }
  };

  const server: TestServer = {
    name: options.name,
    keda: options.keda,
    kube,
    kubeConfigYaml: () => options.kubeConfigYaml,
    async apply(objects) {
      for (const object of objects) await create(object);
    },
    async createNamespace(name) {
      await create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
      for (const object of options.namespaceSetup?.(name) ?? []) {
        await create(object);
      }
    },
    async read(kind, namespace, name) {
      const response = await kube.request(
        'GET',
        resourcePath(kind, namespace, name),
      );
      if (response.status === 404) return undefined;
      if (response.status !== 200)
        throw failed(`read ${kind} ${name}`, response);
      return response.body;
    },
    async list(kind, namespace) {
      const response = await kube.request('GET', resourcePath(kind, namespace));
      if (response.status !== 200) throw failed(`list ${kind}`, response);
      return response.body.items;
    },
    async live(namespace) {
      const kinds = options.keda
        ? [...WORKLOAD_KINDS, 'ScaledObject']
        : WORKLOAD_KINDS;
      const lists = await Promise.all(
        kinds.map(async kind =>
          (
            await server.list(kind, namespace)
          ).map(object => [
            `${kind}/${object.metadata.name}`,
            essentials(object),
          ]),
        ),
      );
      return Object.fromEntries(lists.flat());
    },
    async patch(kind, namespace, name, body) {
      const response = await kube.request(
        'PATCH',
        resourcePath(kind, namespace, name),
        body,
        MERGE_PATCH,
      );
      if (response.status !== 200)
        throw failed(`patch ${kind} ${name}`, response);
      return response.body;
    },
    setReplicas: (kind, namespace, name, replicas) =>
      server.patch(kind, namespace, name, { spec: { replicas } }),
    annotate: (kind, namespace, name, annotations) =>
      server.patch(kind, namespace, name, { metadata: { annotations } }),
    patchNow: (kind, namespace, name, body) =>
      options.patchNow(kube, kind, namespace, name, body),
    async settled(namespace, { ready = false, timeoutMs = 30_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const workloads = [
          ...(await server.list('Deployment', namespace)),
          ...(await server.list('StatefulSet', namespace)),
        ];
        const pending = workloads.filter(w => !isSettled(w, ready));
        if (pending.length === 0) return;
        if (Date.now() > deadline) {
          throw new Error(
            `not settled within ${timeoutMs} ms: ${pending
              .map(
                w =>
                  `${w.kind ?? ''} ${w.metadata.name} ${JSON.stringify(
                    w.status,
                  )}`,
              )
              .join('; ')}`,
          );
        }
        await sleep(50);
      }
    },
    async close() {
      kube.close();
      await options.close();
    },
  };
  return server;
}

/** Observed by its controller with as many pods as asked for (and, with `ready`, all ready). */
function isSettled(workload: KubeObject, ready: boolean): boolean {
  const status = (workload.status ?? {}) as {
    observedGeneration?: number;
    replicas?: number;
    readyReplicas?: number;
  };
  const replicas = (workload.spec as { replicas?: number } | undefined)
    ?.replicas;
  const observed =
    (status.observedGeneration ?? 0) >= (workload.metadata.generation ?? 0);
  return (
    observed &&
    (status.replicas ?? 0) === replicas &&
    (!ready || (status.readyReplicas ?? 0) === replicas)
  );
}

export interface SandboxServerOptions extends KubeSandboxOptions {}

/** The in-process sandbox, reached through its kubeconfig like any cluster. */
export async function startSandboxServer(
  options: SandboxServerOptions = {},
): Promise<SandboxServer> {
  const sandbox = await startKubeSandbox({ name: 'conformance', ...options });
  const server = apiServer({
    name: 'sandbox',
    keda: options.keda ?? false,
    kubeConfigYaml: sandbox.kubeConfigYaml(),
    // In-process: a blocking HTTP request would wait for a server that
    // cannot answer; the store takes the same write path (defaults,
    // validation, a new resourceVersion, a watch event) synchronously.
    patchNow(_kube, kind, namespace, name, body) {
      const current = sandbox.store.get(kind, namespace, name);
      if (!current) throw new Error(`${kind} ${namespace}/${name} not found`);
      sandbox.store.put(mergePatch(current, body) as KubeObject);
    },
    close: () => sandbox.close(),
  });
  return { ...server, name: 'sandbox', sandbox };
}

export interface RealServerOptions {
  /**
   * A control plane of the file's own, started with these options (e.g. to
   * install a CRD or change apiserver flags); the run's shared one otherwise.
   */
  ownControlPlane?: ControlPlaneOptions;
  /** Objects created with each namespace (e.g. a ResourceQuota). */
  namespaceSetup?: (namespace: string) => KubeObject[];
  /**
   * Install the ScaledObject CRD (only with `ownControlPlane`: a CRD is
   * cluster-wide, and the engine lists ScaledObjects wherever keda.sh is served).
   */
  keda?: boolean;
}

/** kube-apiserver 1.32 (+ controller manager and fake kubelet on the shared one). */
export async function startRealServer(
  options: RealServerOptions = {},
): Promise<RealServer> {
  if (options.keda && !options.ownControlPlane) {
    throw new Error('keda needs a control plane of the file`s own');
  }
  const controlPlane = options.ownControlPlane
    ? await startControlPlane(options.ownControlPlane)
    : undefined;
  const connection = controlPlane ?? globalControlPlane();
  const kubeConfigYaml = connection.kubeConfigYaml();
  const server = apiServer({
    name: 'kube-apiserver',
    keda: options.keda ?? false,
    kubeConfigYaml,
    namespaceSetup: options.namespaceSetup,
    patchNow(kube, kind, namespace, name, body) {
      const response = kube.requestSync(
        'PATCH',
        resourcePath(kind, namespace, name),
        body,
        MERGE_PATCH,
      );
      if (response.status !== 200)
        throw failed(`patch ${kind} ${name}`, response);
    },
    close: async () => {
      await controlPlane?.stop();
    },
  });
  try {
    if (options.keda) await installCrd(server, SCALED_OBJECT_CRD);
  } catch (error) {
    await server.close();
    throw error;
  }
  return { ...server, name: 'kube-apiserver', controlPlane };
}

/** Creates a CRD and waits until it is Established and its group is discovered. */
async function installCrd(server: TestServer, crd: KubeObject) {
  await server.apply([crd]);
  const spec = crd.spec as { group: string; versions: { name: string }[] };
  const groupVersion = `/apis/${spec.group}/${spec.versions[0].name}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const current = await server.read(
      'CustomResourceDefinition',
      '',
      crd.metadata.name ?? '',
    );
    const conditions = (
      (current?.status ?? {}) as {
        conditions?: { type: string; status: string }[];
      }
    ).conditions;
    const established = conditions?.some(
      c => c.type === 'Established' && c.status === 'True',
    );
    const groups = await server.kube.request('GET', '/apis');
    const discovered = (groups.body?.groups ?? []).some(
      (g: { name: string }) => g.name === spec.group,
    );
    const served =
      (await server.kube.request('GET', groupVersion)).status === 200;
    if (established && discovered && served) return;
    if (Date.now() > deadline) {
      throw new Error(`CRD ${crd.metadata.name} not served within 30 s`);
    }
    await sleep(100);
  }
}

/** RFC 7386. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    return patch;
  }
  const result: Record<string, unknown> =
    typeof target === 'object' && target !== null && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}
