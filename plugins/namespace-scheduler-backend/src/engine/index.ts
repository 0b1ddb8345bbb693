export {
  NamespaceEngine,
  type NamespaceEngineOptions,
  type NamespaceOperations,
} from './NamespaceEngine';
export { readEngineConfig } from './config';
export type {
  EngineLogger,
  JournalEntry,
  OperationJournal,
  OperationOptions,
  RepairOutcome,
} from './types';
export type { RollbackRetry } from './execute/undo';
export { emptyResult } from './result/buildResult';
export { describeNamespace } from './status/describeNamespace';
export {
  cronJobWorkload,
  deploymentWorkload,
  hpaWorkload,
  scaledObjectWorkload,
  statefulSetWorkload,
  type Workload,
} from './workloads';
