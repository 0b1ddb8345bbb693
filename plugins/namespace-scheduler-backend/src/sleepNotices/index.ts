export { BeforeSleepNotifier, type SleepNotice } from './BeforeSleepNotifier';
export { createBeforeSleepNotifier } from './create';
export { KnexSleepNoticeStore } from './KnexSleepNoticeStore';
