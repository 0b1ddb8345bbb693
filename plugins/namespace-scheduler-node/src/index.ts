/**
 * Node library of the Namespace Scheduler, for backend modules and
 * permission policies: the namespace permission resource with its rules and
 * conditions.
 *
 * @packageDocumentation
 */
export * from './permissions';
