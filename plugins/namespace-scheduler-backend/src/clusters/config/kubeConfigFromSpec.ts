import { KubeConfig, User } from '@kubernetes/client-node';
import type { ClusterSpec } from './clusterSpecs';

const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** A KubeConfig whose current context is the cluster the spec describes. */
export function kubeConfigFromSpec(spec: ClusterSpec): KubeConfig {
  const kubeConfig = new KubeConfig();
  if (spec.source === 'inCluster') {
    kubeConfig.loadFromCluster();
  } else if (spec.source === 'kubeconfig') {
    loadKubeconfig(kubeConfig, spec);
  } else {
    kubeConfig.loadFromClusterAndUser(
      {
        name: spec.name,
        server: spec.url,
        skipTLSVerify: spec.skipTLSVerify,
        caData: spec.caData,
        caFile: caFileFor(spec),
      },
      userFor(spec.name, spec.serviceAccountToken),
    );
  }
  return kubeConfig;
}

export function kubeConfigFromYaml(yaml: string): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(yaml);
  return kubeConfig;
}

/** The pod's CA goes with the pod's token when no CA is configured. */
function caFileFor(
  spec: Extract<ClusterSpec, { source: 'url' }>,
): string | undefined {
  if (spec.caFile || spec.caData || spec.serviceAccountToken) {
    return spec.caFile;
  }
  return `${SERVICE_ACCOUNT_DIR}/ca.crt`;
}

/** A given token, else the pod's own (re-read as it rotates). */
function userFor(name: string, token: string | undefined): User {
  if (token) {
    return { name, token };
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
      throw new Error(
        `Cluster "${spec.name}": kubeconfig context "${spec.context}" not found`,
      );
    }
    kubeConfig.setCurrentContext(spec.context);
  }
}
