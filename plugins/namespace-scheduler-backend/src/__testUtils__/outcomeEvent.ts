import { mockServices } from '@backstage/backend-test-utils';
import {
  OperationIntent,
  OperationType,
  replicasOf,
} from '@namespace-scheduler/backstage-plugin-common';
import type { OperationOutcomeEvent } from '../operations/OperationListener';
import type { OperationRequest } from '../operations';
import { operationResult } from './fakeEngine';

/**
 * What OperationService tells its listeners after an operation on prod/shop
 * (a sleep or wake, or any intent), succeeded unless `errors` are given. The
 * logger is a jest mock.
 */
export function outcomeEvent(
  intent: Exclude<OperationType, 'scale'> | OperationIntent,
  options: { errors?: string[]; at?: Date } = {},
): OperationOutcomeEvent {
  const request: OperationRequest = {
    ...(typeof intent === 'string' ? { operation: intent } : intent),
    cluster: 'prod',
    namespace: 'shop',
    costCenter: 'CC-1001',
    requestedBy: 'user:default/alice',
  };
  const { operation } = request;
  const result = operationResult(request, { errors: options.errors });
  const at = (options.at ?? new Date()).toISOString();
  return {
    request,
    operationId: 'op-1',
    result,
    activity: {
      id: `activity-${operation}-${at}`,
      cluster: request.cluster,
      namespace: request.namespace,
      operation,
      replicas: replicasOf(request),
      cost_center: request.costCenter,
      requested_by: request.requestedBy,
      status: 'completed',
      outcome: result.success ? 'succeeded' : 'failed',
      timestamp_start: at,
      timestamp_end: at,
      result,
    },
    logger: mockServices.logger.mock(),
  };
}
