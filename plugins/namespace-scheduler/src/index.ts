/**
 * The Namespace Scheduler frontend plugin (legacy frontend system; the new
 * system's plugin is exported from `./alpha`).
 *
 * @packageDocumentation
 */
export {
  namespaceSchedulerPlugin,
  EntityNamespaceScheduleContent,
  NamespaceSchedulerPage,
} from './plugin';
export * from './api';
export { isNamespaceSchedulerAvailable } from '@namespace-scheduler/backstage-plugin-common';
