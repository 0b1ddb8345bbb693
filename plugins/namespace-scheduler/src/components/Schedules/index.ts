export { SchedulesCard } from './SchedulesCard';
