export {
  awakeHoursPerDay,
  awakeHoursPeriodStart,
  awakeHoursWithLiveState,
  type AwakeHours,
  type UnrecordedAwake,
  awakeRecordOf,
  opensAwakePeriod,
  type AwakeHoursDay,
  type AwakeHoursOptions,
  type AwakeRecord,
} from './awakeHours';
