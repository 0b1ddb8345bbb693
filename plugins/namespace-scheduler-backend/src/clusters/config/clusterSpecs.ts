/** Where a cluster's connection comes from, as declared in app-config. */
export type ClusterSpec =
  | {
      source: 'url';
      name: string;
      url: string;
      /** Absent: the pod's own service account token (in-cluster). */
      serviceAccountToken?: string;
      skipTLSVerify: boolean;
      caData?: string;
      caFile?: string;
    }
  | { source: 'inCluster'; name: string }
  | { source: 'kubeconfig'; name: string; context?: string; path?: string };
