/**
 * Scaffolder actions of the Namespace Scheduler: create a schedule, sleep and
 * wake a namespace, each as the user running the template (dry runs
 * included).
 *
 * @packageDocumentation
 */
export { scaffolderModuleNamespaceScheduler as default } from './module';
