export { BusinessHours, type OffHoursPeriod } from './BusinessHours';
export {
  readOffHoursConfig,
  DEFAULT_BUSINESS_HOURS,
  type OffHoursSettings,
} from './config';
export { KnexOffHoursSlotStore } from './KnexOffHoursSlotStore';
export { OffHoursBoundary, type BoundarySummary } from './OffHoursBoundary';
export { OffHoursGuard } from './OffHoursGuard';
export { OffHoursPlanner } from './OffHoursPlanner';
export { OffHoursScheduleGuard } from './OffHoursScheduleGuard';
export { OffHoursService } from './OffHoursService';
export * from './OffHoursSlotStore';
export { createRules, scopeKey, type OffHoursRules } from './rules';
export { SaveLock } from './SaveLock';
