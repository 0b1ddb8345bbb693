/** Configuration of the demo portal's own backend modules. */
export interface Config {
  namespaceScheduler?: {
    /**
     * The in-process Kubernetes API sandbox started by the demo backend
     * (packages/backend) for local use and tests.
     * @visibility backend
     */
    sandbox?: {
      /** @default false */
      enabled?: boolean;
      /** Cluster name of the sandbox. @default sandbox */
      name?: string;
      /** Directory of manifests to seed it with, relative to the backend's working directory. */
      seedDir?: string;
      /** Port to listen on (loopback). @default 0 (a free port) */
      port?: number;
    };
  };
}
