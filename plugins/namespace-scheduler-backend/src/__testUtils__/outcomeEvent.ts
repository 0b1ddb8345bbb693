import { mockServices } from '@backstage/backend-test-utils';
import { OperationType } from '@namespace-scheduler/backstage-plugin-common';
import type { OperationOutcomeEvent } from '../operations/OperationListener';
import type { OperationRequest } from '../operations';
import { operationResult } from './fakeEngine';

/**
 * What OperationService tells its listeners after `operation` on prod/shop,
 * succeeded unless `errors` are given. The logger is a jest mock.
 */
export function outcomeEvent(
  operation: OperationType,
  options: {
    errors?: string[];
    request?: Partial<OperationRequest>;
    at?: Date;
  } = {},
): OperationOutcomeEvent {
  const request: OperationRequest = {
    cluster: 'prod',
    namespace: 'shop',
    operation,
    costCenter: 'CC-1001',
    requestedBy: 'user:default/alice',
    ...options.request,
  };
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
      replicas: request.replicas,
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
