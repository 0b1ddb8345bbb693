export * from './types';
export {
  cronProblem,
  nextCronRun,
  previousCronRun,
  type CronSpec,
} from './cron';
export {
  formatDateTime,
  parseDateTime,
  weeklyIntervals,
  windowInterval,
  type Interval,
} from './intervals';
export {
  nextTransition,
  previousTransition,
  transitionsAfter,
  transitionsBetween,
} from './transitions';
export {
  contradictsOverride,
  overrideAt,
  overrideEndedBy,
  previewTransitions,
  resolveRelease,
  type OverrideEntry,
  type ScheduleEntry,
} from './namespaceRules';
export { formatInstantLabel, overrideTitle } from './instantLabel';
export { operationNow } from './operationNow';
export { findWindowConflict, type WindowConflict } from './overlap';
export {
  describeScheduleIssues,
  validateScheduleInput,
  type ScheduleIssue,
  type ScheduleValidation,
} from './validation';
export { normalizeTimeZone, toInstant, toWall } from './zonedTime';
