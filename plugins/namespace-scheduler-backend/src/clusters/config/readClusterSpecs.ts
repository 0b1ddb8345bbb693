import type { Config } from '@backstage/config';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_KUBERNETES_AUTH_PROVIDER,
  ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE,
  ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID,
} from '@backstage/plugin-kubernetes-common';
import type { AuthMetadata } from '@backstage/plugin-kubernetes-node';
import {
  isStrategyAuthProvider,
  unusableAuthProvider,
} from '../auth/authProviders';
import { describeCause } from '../errors';
import type { ClusterSpec } from './clusterSpecs';

const KUBECTL_PROXY: ClusterSpec = {
  source: 'url',
  name: 'local',
  url: 'http://127.0.0.1:8001',
  skipTLSVerify: true,
  anonymous: true,
};

/**
 * The clusters of `kubernetes.clusterLocatorMethods` (the Backstage kubernetes
 * plugin's config, reused) and of `namespaceScheduler.clusters`; the latter win
 * on a name clash. A cluster whose credentials this plugin cannot get (an
 * unknown or user-token auth provider, no URL) is kept as `unresolved`, so
 * that readiness reports it and its operations fail saying why.
 */
export function readClusterSpecs(
  config: Config,
  logger: LoggerService,
): ClusterSpec[] {
  const byName = new Map<string, ClusterSpec>();
  for (const spec of readLocatorMethods(config, logger)) {
    byName.set(spec.name, spec);
  }
  for (const spec of readOwnClusters(config)) {
    if (byName.has(spec.name)) {
      logger.info(
        `namespaceScheduler.clusters overrides cluster "${spec.name}"`,
      );
    }
    byName.set(spec.name, spec);
  }
  for (const spec of byName.values()) {
    if (spec.source === 'unresolved') {
      logger.warn(
        `Cluster "${spec.name}": ${spec.reason}; its requests fail until this is fixed (see /health/ready)`,
      );
    }
  }
  return [...byName.values()];
}

function readLocatorMethods(
  config: Config,
  logger: LoggerService,
): ClusterSpec[] {
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  return methods.flatMap(method => {
    const type = method.getString('type');
    if (type === 'localKubectlProxy') {
      return [KUBECTL_PROXY];
    }
    if (type !== 'config') {
      logger.warn(`Cluster locator type "${type}" is not supported; skipped`);
      return [];
    }
    return (method.getOptionalConfigArray('clusters') ?? []).map(
      readConfigCluster,
    );
  });
}

/** One `type: config` cluster, read as the kubernetes plugin's ConfigClusterLocator reads it. */
function readConfigCluster(cluster: Config): ClusterSpec {
  const name = cluster.getString('name');
  try {
    const authMetadata = readAuthMetadata(cluster);
    const authProvider = authMetadata[ANNOTATION_KUBERNETES_AUTH_PROVIDER];
    const unusable = unusableAuthProvider(authProvider);
    if (unusable) {
      return unresolved(cluster, name, unusable);
    }
    if (authProvider === 'inCluster') {
      return { source: 'inCluster', name };
    }
    const endpoint = {
      url: cluster.getString('url'),
      skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
      caData: cluster.getOptionalString('caData'),
      caFile: cluster.getOptionalString('caFile'),
    };
    if (isStrategyAuthProvider(authProvider)) {
      return {
        source: 'strategy',
        name,
        authProvider,
        authMetadata,
        ...endpoint,
      };
    }
    return {
      source: 'url',
      name,
      ...endpoint,
      serviceAccountToken:
        authProvider === 'serviceAccount'
          ? authMetadata.serviceAccountToken
          : undefined,
      anonymous: authProvider === 'localKubectlProxy',
    };
  } catch (error) {
    return unresolved(cluster, name, describeCause(error));
  }
}

/**
 * The provider and its settings: `authProvider` (default `serviceAccount`),
 * `serviceAccountToken`, `assumeRole`, `externalId`, overridden by the
 * `authMetadata` block (`kubernetes.io/auth-provider`,
 * `kubernetes.io/aws-assume-role`, `kubernetes.io/aws-external-id`,
 * `kubernetes.io/x-k8s-aws-id`, ...), as the kubernetes plugin merges them.
 */
function readAuthMetadata(cluster: Config): AuthMetadata {
  // Read whole: its keys hold dots (`kubernetes.io/...`), which Config.get takes for paths.
  const block = cluster.getOptional('authMetadata') ?? {};
  if (typeof block !== 'object' || Array.isArray(block)) {
    throw new Error('authMetadata must be an object of strings');
  }
  const fromBlock: AuthMetadata = {};
  for (const [key, value] of Object.entries(block)) {
    if (value !== null && value !== undefined) fromBlock[key] = String(value);
  }
  const optional = (key: string, value: string | undefined) =>
    value ? { [key]: value } : {};
  return {
    [ANNOTATION_KUBERNETES_AUTH_PROVIDER]:
      fromBlock[ANNOTATION_KUBERNETES_AUTH_PROVIDER] ??
      cluster.getOptionalString('authProvider') ??
      'serviceAccount',
    ...optional(
      'serviceAccountToken',
      cluster.getOptionalString('serviceAccountToken'),
    ),
    ...optional(
      ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE,
      cluster.getOptionalString('assumeRole'),
    ),
    ...optional(
      ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID,
      cluster.getOptionalString('externalId'),
    ),
    ...fromBlock,
  };
}

function unresolved(
  cluster: Config,
  name: string,
  reason: string,
): ClusterSpec {
  let url: string | undefined;
  try {
    url = cluster.getOptionalString('url');
  } catch {
    url = undefined;
  }
  return { source: 'unresolved', name, url, reason };
}

function readOwnClusters(config: Config): ClusterSpec[] {
  return (
    config.getOptionalConfigArray('namespaceScheduler.clusters') ?? []
  ).map((cluster): ClusterSpec => {
    const name = cluster.getString('name');
    if (cluster.getOptionalBoolean('inCluster')) {
      return { source: 'inCluster', name };
    }
    return {
      source: 'kubeconfig',
      name,
      context: cluster.getOptionalString('kubeconfigContext'),
      path: cluster.getOptionalString('kubeconfigPath'),
    };
  });
}
