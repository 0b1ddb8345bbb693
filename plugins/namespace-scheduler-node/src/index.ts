/**
 * Node library of the Namespace Scheduler, for backend modules and
 * permission policies: the namespace permission resource with its rules and
 * conditions, and the extension point that adds clusters.
 *
 * @packageDocumentation
 */
export * from './permissions';
export * from './extensions';
