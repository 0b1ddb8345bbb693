import type {
  OperationProgressEvent,
  OperationType,
} from '@namespace-scheduler/backstage-plugin-common';
import type { Change } from '../plan/types';
import type { EngineLogger } from '../types';
import type { ProgressStage } from './types';

const ROLLBACK_STAGES: ReadonlySet<ProgressStage> = new Set([
  'rolling_back',
  'rolled_back',
  'rollback_failed',
]);

interface ProgressBase {
  operation: OperationType;
  cluster: string;
  namespace: string;
  dryRun: boolean;
  /** The number of changes planned. */
  total: number;
}

/** Turns changes into progress events; a throwing listener is logged, never fatal. */
export function createProgress(
  base: ProgressBase,
  logger: EngineLogger,
  onProgress?: (event: OperationProgressEvent) => void,
) {
  return (change: Change, stage: ProgressStage, error?: string): void => {
    const reverse = ROLLBACK_STAGES.has(stage);
    const event: OperationProgressEvent = {
      operation: base.operation,
      cluster: base.cluster,
      namespace: base.namespace,
      type: change.workload.kind,
      name: change.workload.name,
      phase: change.phase,
      stage,
      from_replicas: reverse ? change.to.level : change.from.level,
      to_replicas: reverse ? change.from.level : change.to.level,
      dry_run: base.dryRun,
      error,
      total: base.total,
    };
    logger.debug(`${stage} ${event.type} ${event.name}`, { ...event });
    try {
      onProgress?.(event);
    } catch (listenerError) {
      logger.warn(`Progress listener failed: ${String(listenerError)}`);
    }
  };
}
