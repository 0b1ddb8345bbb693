import { KubeConfig } from '@kubernetes/client-node';
import {
  KubeObject,
  KubeSandbox,
  KubeSandboxOptions,
  startKubeSandbox,
} from '@namespace-scheduler/kube-sandbox';
import path from 'node:path';
import { ClusterAccessOptions, ClusterRegistry } from '../../clusters';
import { NamespaceEngine, NamespaceEngineOptions } from '../NamespaceEngine';
import type { EngineLogger } from '../types';

export const SEED_DIR = path.resolve(
  __dirname,
  '../../../../../examples/sandbox',
);
export const CLUSTER = 'sandbox';

export const silentLogger: EngineLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

/** Fast retries so failure paths finish quickly in tests. */
export const FAST_ACCESS: Partial<ClusterAccessOptions> = {
  qps: 0,
  requestTimeoutMs: 2_000,
  retryInitialDelayMs: 5,
  retryMaxDelayMs: 20,
};

export interface EngineSandbox {
  sandbox: KubeSandbox;
  registry: ClusterRegistry;
  engine: NamespaceEngine;
  close(): Promise<void>;
}

/** A sandbox, a registry on its kubeconfig, and an engine on the registry. */
export async function startEngineSandbox(
  options: {
    sandbox?: KubeSandboxOptions;
    access?: Partial<ClusterAccessOptions>;
    engine?: Partial<NamespaceEngineOptions>;
  } = {},
): Promise<EngineSandbox> {
  const sandbox = await startKubeSandbox({ name: CLUSTER, ...options.sandbox });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(sandbox.kubeConfigYaml());
  const registry = ClusterRegistry.fromKubeConfigs(
    [{ name: CLUSTER, kubeConfig }],
    { ...FAST_ACCESS, ...options.access },
  );
  const engine = NamespaceEngine.create({
    clusters: registry,
    logger: silentLogger,
    rollbackRetry: { initialDelayMs: 5, maxDelayMs: 20, windowMs: 1_000 },
    ...options.engine,
  });
  return {
    sandbox,
    registry,
    engine,
    close: async () => {
      await registry.close();
      await sandbox.close();
    },
  };
}

/** Kind/name → the fields sleep and wake touch, read straight from the store. */
export function liveState(
  sandbox: KubeSandbox,
  namespace: string,
): Record<string, unknown> {
  const kinds = [
    'Deployment',
    'StatefulSet',
    'CronJob',
    'HorizontalPodAutoscaler',
  ];
  const entries = kinds.flatMap(kind =>
    sandbox.store
      .list(kind, namespace)
      .map(obj => [`${kind}/${obj.metadata.name}`, essentials(obj)]),
  );
  return Object.fromEntries(entries);
}

function essentials(obj: KubeObject) {
  const spec = (obj.spec ?? {}) as {
    replicas?: number;
    suspend?: boolean;
    minReplicas?: number;
  };
  const annotations = Object.fromEntries(
    Object.entries(obj.metadata.annotations ?? {}).filter(
      ([key]) => !key.startsWith('deployment.kubernetes.io'),
    ),
  );
  return {
    replicas: spec.replicas,
    suspend: spec.suspend,
    minReplicas: spec.minReplicas,
    annotations,
  };
}

export function deployment(
  namespace: string,
  name: string,
  replicas: number,
  annotations: Record<string, string> = {},
): KubeObject {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, annotations },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name, image: `example/${name}:1` }] },
      },
    },
  };
}

export function namespaceObject(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}
