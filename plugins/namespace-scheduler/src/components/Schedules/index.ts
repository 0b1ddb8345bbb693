export { DeclaredSource } from './DeclaredSource';
export { scheduleAnchor } from './scheduleAnchor';
export { SchedulesCard } from './SchedulesCard';
export { SchedulesReadError } from './SchedulesReadError';
export {
  useNamespaceSchedules,
  type NamespaceSchedules,
  type SchedulesRead,
} from './useNamespaceSchedules';
