/**
 * The Namespace Scheduler's activity log (and, optionally, cost-center
 * permissions) in DynamoDB, as a backend module
 * (`backend.add(import(…))`).
 *
 * @packageDocumentation
 */
export { namespaceSchedulerModuleDynamoDb as default } from './module';
