export {
  awakeHoursPerDay,
  awakeRecordOf,
  opensAwakePeriod,
  type AwakeHoursDay,
  type AwakeHoursOptions,
  type AwakeRecord,
} from './awakeHours';
