/**
 * The Namespace Scheduler backend plugin: puts Kubernetes namespaces to sleep
 * and wakes them, governed by cost centers and an off-hours limit.
 *
 * @packageDocumentation
 */
export { namespaceSchedulerPlugin as default } from './plugin';
export {
  namespaceSchedulerConditions,
  createNamespaceSchedulerConditionalDecision,
} from './permissions/conditions';
export type { NamespaceResource, NamespaceQuery } from './permissions/resource';
export {
  namespaceSchedulerClustersExtensionPoint,
  type NamespaceSchedulerClustersExtensionPoint,
  type ExtraCluster,
} from './extensions';
