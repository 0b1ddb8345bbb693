export { SchedulesCard } from './SchedulesCard';
export {
  useNamespaceSchedules,
  type NamespaceSchedules,
  type SchedulesRead,
} from './useNamespaceSchedules';
