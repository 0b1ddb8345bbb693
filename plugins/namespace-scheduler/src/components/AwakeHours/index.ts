export { AwakeHoursCard } from './AwakeHoursCard';
