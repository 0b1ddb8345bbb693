export { ClusterRegistry } from './ClusterRegistry';
export { ClusterRequestError, ClusterUnavailableError } from './errors';
export {
  DEFAULT_CLUSTER_ACCESS_OPTIONS,
  type ClusterAccess,
  type ClusterAccessOptions,
  type ClusterApis,
  type ClusterClient,
  type ClusterRequestEvent,
  type ClusterRequestObserver,
  type KubeConfigYaml,
  type KubeJsonApi,
  type KubeQuery,
  type NamedKubeConfig,
} from './types';
