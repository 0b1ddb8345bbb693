/**
 * Types, domain rules, permissions, annotations and schedule math shared by the Namespace
 * Scheduler's frontend and backend plugins.
 *
 * @packageDocumentation
 */
export * from './activity';
export * from './annotations';
export * from './declared';
export * from './domain';
export * from './forecast';
export * from './migration';
export * from './permissions';
export * from './schedule';
export * from './types';
