import type { OperationType, WorkloadKind } from './vocabulary';

/**
 * Where a workload got to during an operation, as the live progress shows it.
 *
 * @public
 */
export type OperationProgressStep =
  | 'scaled'
  | 'skipped'
  | 'failed'
  | 'rolled-back'
  | 'rollback-failed';

/**
 * One workload's step of a running operation, sent as a Backstage signal to
 * the user who asked for it (channel `operationProgressChannel(id)`). `done`
 * counts workloads whose change finished (scaled, skipped or failed) out of
 * the `total` planned; rollback steps leave it unchanged.
 *
 * @public
 */
export type OperationProgressSignal = {
  /** The client-generated id the request named its progress channel with. */
  progress_id: string;
  operation: OperationType;
  cluster: string;
  namespace: string;
  kind: WorkloadKind;
  name: string;
  step: OperationProgressStep;
  from_replicas: number;
  to_replicas: number;
  error?: string;
  done: number;
  total: number;
};

/**
 * The request header naming an operation's progress channel: a UUID the
 * client generates. (Distinct from the server's operationId, which ties an
 * operation's log lines together.)
 *
 * @public
 */
export const PROGRESS_ID_HEADER = 'x-progress-id';

/**
 * The signal channel of one operation's progress.
 *
 * @public
 */
export function operationProgressChannel(progressId: string): string {
  return `namespace-scheduler:progress:${progressId}`;
}
