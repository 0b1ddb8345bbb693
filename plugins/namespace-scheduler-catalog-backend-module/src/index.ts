/**
 * A catalog module that checks the Namespace Scheduler's
 * `namespace-scheduler/schedule` annotation and reports a bad value as an
 * error on the entity.
 *
 * @packageDocumentation
 */
export { catalogModuleNamespaceSchedulerSchedules as default } from './module';
export { ScheduleAnnotationProcessor } from './ScheduleAnnotationProcessor';
