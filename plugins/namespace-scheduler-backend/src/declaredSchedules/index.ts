export { createDeclaredSchedules } from './create';
export { DECLARED_SCHEDULES_TASK_ID } from './config';
export {
  DeclaredScheduleReconciler,
  type ReconcileSummary,
} from './DeclaredScheduleReconciler';
export { DeclaredScheduleService } from './DeclaredScheduleService';
export { KnexDeclaredScheduleStore } from './KnexDeclaredScheduleStore';
