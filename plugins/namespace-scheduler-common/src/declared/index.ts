export * from './types';
export {
  formatDeclaredSchedule,
  parseScheduleAnnotation,
} from './scheduleAnnotation';
