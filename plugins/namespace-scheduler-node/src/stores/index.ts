export * from './ActivityStore';
export * from './CostCenterPermissionStore';
export * from './NamespaceSchedulerStores';
export { minutesBetween, prepareActivity } from './prepareActivity';
export type { ReadinessCheck } from './ReadinessCheck';
export type { ReplayableActivityStore } from './ReplayableActivityStore';
