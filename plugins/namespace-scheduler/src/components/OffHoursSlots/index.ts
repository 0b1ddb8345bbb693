export { OffHoursSlots } from './OffHoursSlots';
