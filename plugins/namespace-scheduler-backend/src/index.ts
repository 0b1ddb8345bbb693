/**
 * The Namespace Scheduler backend plugin: puts Kubernetes namespaces to sleep
 * and wakes them, governed by cost centers and an off-hours limit. Its
 * permission conditions, store contracts and extension points (clusters and
 * stores from backend modules) are in `@namespace-scheduler/backstage-plugin-node`.
 *
 * @packageDocumentation
 */
export { namespaceSchedulerPlugin as default } from './plugin';
