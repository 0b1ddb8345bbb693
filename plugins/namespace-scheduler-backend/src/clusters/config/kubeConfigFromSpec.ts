import { Cluster, KubeConfig, User } from '@kubernetes/client-node';
import {
  BearerTokenSource,
  failingTokenSource,
} from '../auth/BearerTokenSource';
import type { AuthStrategyLoader } from '../auth/loadAuthStrategy';
import { StrategyTokenSource } from '../auth/StrategyTokenSource';
import {
  tokenSourceUser,
  TokenSourceAuthenticator,
} from '../auth/TokenSourceAuthenticator';
import { ClusterAuthError } from '../errors';
import type { NamedKubeConfig } from '../types';
import type { ClusterEndpoint, ClusterSpec } from './clusterSpecs';

const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
/** The server of a cluster declared without a usable URL; never called. */
const NO_SERVER = 'https://unresolved.invalid';

/**
 * The cluster's KubeConfig (its current context is the cluster) and, when its
 * token is not fixed, where the token comes from.
 */
export function connectionFromSpec(
  spec: ClusterSpec,
  strategy: AuthStrategyLoader,
): NamedKubeConfig {
  const { name } = spec;
  if (spec.source === 'strategy') {
    const credentials = new StrategyTokenSource(
      {
        name,
        url: spec.url,
        authMetadata: spec.authMetadata,
        skipTLSVerify: spec.skipTLSVerify,
        caData: spec.caData,
        caFile: spec.caFile,
      },
      spec.authProvider,
      strategy,
    );
    return tokenSourceConnection(name, clusterOf(name, spec), credentials);
  }
  if (spec.source === 'unresolved') {
    return unresolvedConnection(name, spec.reason, spec.url);
  }
  return { name, kubeConfig: kubeConfigFromSpec(spec) };
}

/** A cluster whose every request fails with `reason` (it is reported, not dropped). */
export function unresolvedConnection(
  name: string,
  reason: string,
  url?: string,
): NamedKubeConfig {
  const server = url && URL.canParse(url) ? url : NO_SERVER;
  return tokenSourceConnection(
    name,
    { name, server, skipTLSVerify: false },
    failingTokenSource(new ClusterAuthError(name, reason)),
  );
}

/** A KubeConfig whose current context is the cluster the spec describes. */
export function kubeConfigFromSpec(
  spec: Extract<ClusterSpec, { source: 'url' | 'inCluster' | 'kubeconfig' }>,
): KubeConfig {
  const kubeConfig = new KubeConfig();
  if (spec.source === 'inCluster') {
    if (!process.env.KUBERNETES_SERVICE_HOST) {
      throw new Error(
        'inCluster: not running in a pod (KUBERNETES_SERVICE_HOST is not set)',
      );
    }
    kubeConfig.loadFromCluster();
  } else if (spec.source === 'kubeconfig') {
    loadKubeconfig(kubeConfig, spec);
  } else {
    kubeConfig.loadFromClusterAndUser(
      { ...clusterOf(spec.name, spec), caFile: caFileFor(spec) },
      userFor(spec),
    );
  }
  return kubeConfig;
}

export function kubeConfigFromYaml(yaml: string): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(yaml);
  return kubeConfig;
}

function tokenSourceConnection(
  name: string,
  cluster: Cluster,
  credentials: BearerTokenSource,
): NamedKubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromClusterAndUser(cluster, tokenSourceUser(name));
  // For client-node's Watch, which authenticates through the KubeConfig.
  kubeConfig.addAuthenticator(new TokenSourceAuthenticator(credentials));
  return { name, kubeConfig, credentials };
}

function clusterOf(name: string, endpoint: ClusterEndpoint): Cluster {
  return {
    name,
    server: endpoint.url,
    skipTLSVerify: endpoint.skipTLSVerify,
    caData: endpoint.caData,
    caFile: endpoint.caFile,
  };
}

/** The pod's CA goes with the pod's token when no CA is configured. */
function caFileFor(
  spec: Extract<ClusterSpec, { source: 'url' }>,
): string | undefined {
  if (
    spec.caFile ||
    spec.caData ||
    spec.serviceAccountToken ||
    spec.anonymous
  ) {
    return spec.caFile;
  }
  return `${SERVICE_ACCOUNT_DIR}/ca.crt`;
}

/** A given token, none (anonymous), else the pod's own (re-read as it rotates). */
function userFor(spec: Extract<ClusterSpec, { source: 'url' }>): User {
  const { name, serviceAccountToken: token } = spec;
  if (token) {
    return { name, token };
  }
  if (spec.anonymous) {
    return { name };
  }
  return {
    name,
    authProvider: {
      name: 'tokenFile',
      config: { tokenFile: `${SERVICE_ACCOUNT_DIR}/token` },
    },
  };
}

function loadKubeconfig(
  kubeConfig: KubeConfig,
  spec: Extract<ClusterSpec, { source: 'kubeconfig' }>,
): void {
  if (spec.path) {
    kubeConfig.loadFromFile(spec.path);
  } else {
    kubeConfig.loadFromDefault();
  }
  if (spec.context) {
    if (!kubeConfig.getContextObject(spec.context)) {
      throw new Error(`kubeconfig context "${spec.context}" not found`);
    }
    kubeConfig.setCurrentContext(spec.context);
  }
}
