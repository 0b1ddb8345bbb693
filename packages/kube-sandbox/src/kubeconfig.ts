import { stringify } from 'yaml';

/**
 * Kubeconfig for the sandbox, as YAML (for files and KUBECONFIG) or as the options object that
 * @kubernetes/client-node's `KubeConfig.loadFromOptions` takes. The server is plain HTTP, which
 * client-node only accepts with `skipTLSVerify` (insecure-skip-tls-verify) set.
 */

export interface KubeConfigOptions {
  clusters: Array<{ name: string; server: string; skipTLSVerify: boolean }>;
  users: Array<{ name: string; token?: string }>;
  contexts: Array<{ name: string; cluster: string; user: string }>;
  currentContext: string;
}

export function kubeConfigOptions(
  clusterName: string,
  server: string,
  token: string | undefined,
  contextName = clusterName,
): KubeConfigOptions {
  const user = `${clusterName}-user`;
  return {
    clusters: [{ name: clusterName, server, skipTLSVerify: true }],
    users: [token ? { name: user, token } : { name: user }],
    contexts: [{ name: contextName, cluster: clusterName, user }],
    currentContext: contextName,
  };
}

export function kubeConfigYaml(options: KubeConfigOptions): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: options.clusters.map(({ name, server }) => ({
      name,
      cluster: { server, 'insecure-skip-tls-verify': true },
    })),
    users: options.users.map(({ name, token }) => ({
      name,
      user: token ? { token } : {},
    })),
    contexts: options.contexts.map(({ name, cluster, user }) => ({
      name,
      context: { cluster, user },
    })),
    'current-context': options.currentContext,
  });
}
