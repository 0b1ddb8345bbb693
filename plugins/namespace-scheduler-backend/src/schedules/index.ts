export * from './ScheduleStore';
export { KnexScheduleStore } from './KnexScheduleStore';
export { ScheduleRunner, type TickSummary } from './ScheduleRunner';
export { readRunnerConfig, RUNNER_TASK_ID } from './runnerConfig';
export {
  ScheduleService,
  type HoldOutcome,
  type HoldRequest,
  type RunNowOutcome,
  type ScheduleCandidate,
  type ScheduleSaveGuard,
} from './ScheduleService';
