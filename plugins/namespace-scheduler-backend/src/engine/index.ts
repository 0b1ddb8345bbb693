export {
  NamespaceEngine,
  type NamespaceEngineOptions,
  type NamespaceOperations,
} from './NamespaceEngine';
export type { EngineLogger, OperationOptions, WakeOptions } from './types';
export type { RollbackRetry } from './execute/rollback';
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
