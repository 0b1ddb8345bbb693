/**
 * Types, permissions and annotations shared by the Namespace Scheduler's
 * frontend and backend plugins.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './permissions';
export * from './types';
