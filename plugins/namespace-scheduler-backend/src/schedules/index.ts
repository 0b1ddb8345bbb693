export * from './ScheduleStore';
export { KnexScheduleStore } from './KnexScheduleStore';
export { ScheduleRunner, type TickSummary } from './ScheduleRunner';
export { RUNNER_TASK_ID } from './runnerConfig';
export { ScheduleService } from './ScheduleService';
export { ManualRuns, type RunNowOutcome } from './ManualRuns';
export { OverrideHolds, type HoldAsk, type HoldOutcome } from './OverrideHolds';
export { OverrideEndings } from './OverrideEndings';
export { SchedulePreview } from './SchedulePreview';
export type {
  PlannedSchedule,
  ScheduleCandidate,
  ScheduleSaveGuard,
} from './ScheduleWriter';
export { createScheduleServices, createSchedules } from './create';
