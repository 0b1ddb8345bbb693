import type { SchedulerApi } from '../api/SchedulerApi';
import { createScheduleCreateAction } from './createScheduleAction';
import { createOperationAction } from './operationActions';

/** The scaffolder actions of the Namespace Scheduler, calling its API through `api`. */
export function createNamespaceSchedulerActions(options: {
  api: SchedulerApi;
  /** `namespaceScheduler.defaultCluster`: the cluster when an input names none. */
  defaultCluster?: string;
}) {
  return [
    createScheduleCreateAction(options),
    createOperationAction({ ...options, operation: 'sleep' }),
    createOperationAction({ ...options, operation: 'wake' }),
  ];
}
