/**
 * An in-process Kubernetes API server for development and tests of the Namespace Scheduler.
 *
 * @packageDocumentation
 */
export { startKubeSandbox } from './sandbox';
export type { KubeSandbox, KubeSandboxOptions, SandboxStore } from './sandbox';
export { loadManifests, parseManifests } from './seed';
export { FaultInjector } from './faults';
export type { FaultHandle, FaultRule, FaultVerb } from './faults';
export type { RequestRecord, StatsSnapshot } from './stats';
export type { KubeConfigOptions } from './kubeconfig';
export { ApiError } from './errors';
export type { Status, StatusDetails, StatusReason } from './errors';
export type { KubeObject, ObjectMeta, OwnerReference } from './types';
