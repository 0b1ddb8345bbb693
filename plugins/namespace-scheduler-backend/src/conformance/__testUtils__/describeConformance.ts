import { KubeConfig } from '@kubernetes/client-node';
import type { ControlPlaneOptions } from '@namespace-scheduler/kube-harness';
import { describeOnRealControlPlane } from '@namespace-scheduler/kube-harness';
import type {
  KubeObject,
  KubeSandboxOptions,
} from '@namespace-scheduler/kube-sandbox';
import { randomBytes } from 'node:crypto';
import {
  ClusterAccessOptions,
  ClusterRegistry,
  ClusterRequestObserver,
} from '../../clusters';
import { NamespaceEngine } from '../../engine';
import { silentLogger } from '../../engine/__testUtils__/engineSandbox';
import {
  RealServer,
  SandboxServer,
  ServerName,
  startRealServer,
  startSandboxServer,
  TestServer,
} from './servers';

/** The cluster name the conformance engines give their one cluster. */
export const CLUSTER = 'conformance';

/** A server, with one registry and engine on it for the whole test file. */
export interface ConformanceServer extends TestServer {
  readonly registry: ClusterRegistry;
  readonly engine: NamespaceEngine;
  /** Every request the registry made (verb, failed), for tests that count lists. */
  readonly requests: { verb: string; failed: boolean }[];
  /** The sandbox, when this is the sandbox run (sandbox-only assertions). */
  readonly sandboxServer?: SandboxServer;
  /** The real server, when this is the kube-apiserver run. */
  readonly realServer?: RealServer;
  /**
   * Creates a namespace of this test file's own (a unique name) with the
   * objects `build` returns for it, and returns its name.
   */
  namespace(build?: (namespace: string) => KubeObject[]): Promise<string>;
}

export interface ConformanceOptions {
  /** Short tag in namespace names (conf-<tag>-<n>-<random>); at most 20 characters. */
  tag: string;
  /**
   * No pod of these namespaces ever becomes ready: a sandbox whose workloads
   * stay unready for an hour; on kube-apiserver a ResourceQuota of 0 pods in
   * each namespace (the fake kubelet has nothing to mark).
   */
  podsNeverReady?: boolean;
  /** Serve KEDA ScaledObjects (on kube-apiserver: a control plane of the file's own with the CRD). */
  keda?: boolean;
  /** More sandbox options (e.g. readyDelayMs, watchHistory). */
  sandbox?: KubeSandboxOptions;
  /** A kube-apiserver of the file's own, with these options, instead of the run's shared one. */
  ownControlPlane?: ControlPlaneOptions;
  /** Registry options on top of the conformance defaults. */
  access?: Partial<ClusterAccessOptions>;
}

/** Fast retries; a request timeout that a loaded 2-core machine can meet. */
const ACCESS: Partial<ClusterAccessOptions> = {
  qps: 0,
  requestTimeoutMs: 20_000,
  retryInitialDelayMs: 10,
  retryMaxDelayMs: 200,
};

const ONE_HOUR_MS = 3_600_000;

function zeroPodQuota(namespace: string): KubeObject[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'no-pods', namespace },
      spec: { hard: { pods: '0' } },
    },
  ];
}

async function startServer(
  name: ServerName,
  options: ConformanceOptions,
): Promise<
  TestServer & { sandboxServer?: SandboxServer; realServer?: RealServer }
> {
  if (name === 'sandbox') {
    const sandboxServer = await startSandboxServer({
      keda: options.keda,
      ...(options.podsNeverReady ? { readyDelayMs: ONE_HOUR_MS } : {}),
      ...options.sandbox,
    });
    return { ...sandboxServer, sandboxServer };
  }
  const keda = options.keda ?? false;
  const realServer = await startRealServer({
    keda,
    ownControlPlane:
      options.ownControlPlane ??
      (keda ? { controllerManager: false, fakeKubelet: false } : undefined),
    namespaceSetup: options.podsNeverReady ? zeroPodQuota : undefined,
  });
  return { ...realServer, realServer };
}

async function startConformanceServer(
  name: ServerName,
  options: ConformanceOptions,
): Promise<ConformanceServer> {
  const server = await startServer(name, options);
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(server.kubeConfigYaml());
  const requests: { verb: string; failed: boolean }[] = [];
  const observer: ClusterRequestObserver = event =>
    requests.push({ verb: event.verb, failed: event.failed });
  const registry = ClusterRegistry.fromKubeConfigs(
    [{ name: CLUSTER, kubeConfig }],
    { ...ACCESS, ...options.access },
    observer,
  );
  const engine = NamespaceEngine.create({
    clusters: registry,
    logger: silentLogger,
    rollbackRetry: { initialDelayMs: 10, maxDelayMs: 100, windowMs: 5_000 },
  });
  const created: string[] = [];
  let count = 0;
  return {
    ...server,
    registry,
    engine,
    requests,
    async namespace(build) {
      count += 1;
      const ns = `conf-${options.tag}-${count}-${randomBytes(2).toString(
        'hex',
      )}`;
      await server.createNamespace(ns);
      created.push(ns);
      await server.apply(build?.(ns) ?? []);
      return ns;
    },
    async close() {
      await registry.close();
      if (server.name === 'kube-apiserver' && !options.ownControlPlane) {
        // The shared control plane outlives this file: leave it clean.
        await Promise.all(
          created.map(ns =>
            server.kube.request('DELETE', `/api/v1/namespaces/${ns}`),
          ),
        ).catch(() => {});
      }
      await server.close();
    },
  };
}

/**
 * A handle whose members are those of the server once `beforeAll` has
 * started it; `name` is known at once (for titles and server-only tests).
 */
function lazyServer(
  name: ServerName,
  current: () => ConformanceServer | undefined,
): ConformanceServer {
  return new Proxy({} as ConformanceServer, {
    get(_target, key) {
      if (key === 'name') return name;
      const server = current();
      if (!server) {
        throw new Error(
          `the ${name} server is not started (used outside a test?)`,
        );
      }
      const value = server[key as keyof ConformanceServer];
      return typeof value === 'function' ? value.bind(server) : value;
    },
  });
}

function registerServer(
  name: ServerName,
  options: ConformanceOptions,
  tests: (server: ConformanceServer) => void,
) {
  let server: ConformanceServer | undefined;
  beforeAll(async () => {
    server = await startConformanceServer(name, options);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  }, 60_000);
  tests(lazyServer(name, () => server));
}

/**
 * Registers the same tests twice: against the in-process sandbox, and
 * against a real kube-apiserver 1.32 (the run's shared control plane with
 * its controller manager and fake kubelet, unless the options ask for one of
 * the file's own). The real suite skips, or fails with NS_REQUIRE_REAL_K8S=1,
 * where the binaries are missing. Tests must hold on both: where they do not,
 * the sandbox is what gets fixed.
 */
export function describeConformance(
  title: string,
  options: ConformanceOptions,
  tests: (server: ConformanceServer) => void,
): void {
  if (options.tag.length > 20 || !/^[a-z0-9-]+$/.test(options.tag)) {
    throw new Error(`tag ${options.tag}: up to 20 of [a-z0-9-]`);
  }
  jest.setTimeout(60_000);
  describe(`${title} [sandbox]`, () => {
    registerServer('sandbox', options, tests);
  });
  describeOnRealControlPlane(`${title} [kube-apiserver]`, () => {
    registerServer('kube-apiserver', options, tests);
  });
}
