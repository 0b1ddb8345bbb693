export { CronFields } from './CronFields';
export { ExceptDatesField } from './ExceptDatesField';
export { KindField } from './KindField';
export { NextRuns } from './NextRuns';
export { OverrideFields } from './OverrideFields';
export { TimeZoneField } from './TimeZoneField';
export { WeeklyFields } from './WeeklyFields';
export { WindowFields } from './WindowFields';
