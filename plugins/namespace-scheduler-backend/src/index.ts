/**
 * The Namespace Scheduler backend plugin: puts Kubernetes namespaces to sleep
 * and wakes them, governed by cost centers and an off-hours limit. Its
 * permission conditions for policies are in `@namespace-scheduler/backstage-plugin-node`.
 *
 * @packageDocumentation
 */
export { namespaceSchedulerPlugin as default } from './plugin';
export {
  namespaceSchedulerClustersExtensionPoint,
  type NamespaceSchedulerClustersExtensionPoint,
  type ExtraCluster,
} from './extensions';
