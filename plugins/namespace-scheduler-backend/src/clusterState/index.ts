export { CachedNamespaceOperations } from './CachedNamespaceOperations';
export {
  ClusterStateCache,
  type ClusterStateCacheOptions,
  type ClusterStateLogger,
} from './ClusterStateCache';
export { readClusterStateConfig, type ClusterStateConfig } from './config';
