import {
  OperationResult,
  OperationType,
  OriginalValue,
} from '@namespace-scheduler/backstage-plugin-common';

/**
 * A result as the plugin's engine returns it, successful unless errors are
 * given: what a test records an activity of.
 *
 * @public
 */
export function mockOperationResult(
  request: { operation: OperationType; cluster: string; namespace: string },
  options: {
    errors?: string[];
    dryRun?: boolean;
    originals?: OriginalValue[];
    repairPending?: boolean;
  } = {},
): OperationResult {
  const errors = options.errors ?? [];
  const now = new Date().toISOString();
  return {
    ...request,
    dry_run: options.dryRun ?? false,
    success: errors.length === 0,
    scaled_resources: [],
    failed_resources: [],
    skipped_resources: [],
    total_scaled: 0,
    total_failed: 0,
    rollback_performed: errors.length > 0,
    rollback_results: [],
    rollback_success_count: 0,
    rollback_failed_count: 0,
    originals: options.originals ?? [],
    errors,
    ...(options.repairPending && { repair_pending: true }),
    started_at: now,
    finished_at: now,
  };
}
