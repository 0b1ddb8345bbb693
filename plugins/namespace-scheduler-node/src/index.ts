/**
 * Node library of the Namespace Scheduler, for backend modules and
 * permission policies: the namespace permission resource with its rules and
 * conditions, the extension point that adds clusters, and the store
 * contracts with the extension point that replaces the portal-database
 * stores (contract tests in `./testUtils`).
 *
 * @packageDocumentation
 */
export * from './permissions';
export * from './extensions';
export * from './stores';
