export { CachedNamespaceOperations } from './CachedNamespaceOperations';
export {
  ClusterStateCache,
  type ClusterStateCacheOptions,
  type ClusterStateLogger,
} from './ClusterStateCache';
export { createClusterState } from './create';
