export { DeclaredSchedulesCard } from './DeclaredSchedulesCard';
export {
  hasDeclaredSchedules,
  useDeclaredSchedules,
  type DeclaredSchedulesRead,
} from './useDeclaredSchedules';
