export * from './ActivityStore';
export * from './CostCenterPermissionStore';
export * from './NamespaceSchedulerStores';
export {
  clipReason,
  MAX_ACTIVITY_REASON,
  minutesBetween,
  prepareActivity,
} from './prepareActivity';
export type { ReadinessCheck } from './ReadinessCheck';
export type { ReplayableActivityStore } from './ReplayableActivityStore';
