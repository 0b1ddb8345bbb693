export {
  awakeHoursPerDay,
  type AwakeHoursDay,
  type AwakeHoursOptions,
} from './awakeHours';
