import type { AuthMetadata } from '@backstage/plugin-kubernetes-node';

/** An API server and how its certificate is checked. */
export interface ClusterEndpoint {
  url: string;
  skipTLSVerify: boolean;
  caData?: string;
  caFile?: string;
}

/** Where a cluster's connection comes from, as declared in app-config. */
export type ClusterSpec =
  | ({
      source: 'url';
      name: string;
      /** Absent: the pod's own service account token (in-cluster). */
      serviceAccountToken?: string;
      /** No credentials at all (`localKubectlProxy`). */
      anonymous?: boolean;
    } & ClusterEndpoint)
  | ({
      /** Credentials from one of the kubernetes plugin's auth strategies. */
      source: 'strategy';
      name: string;
      authProvider: string;
      /** As the kubernetes plugin's config locator builds it (auth provider included). */
      authMetadata: AuthMetadata;
    } & ClusterEndpoint)
  | { source: 'inCluster'; name: string }
  | { source: 'kubeconfig'; name: string; context?: string; path?: string }
  | {
      /** Declared, but its credentials cannot be had: every request fails with `reason`. */
      source: 'unresolved';
      name: string;
      url?: string;
      reason: string;
    };
