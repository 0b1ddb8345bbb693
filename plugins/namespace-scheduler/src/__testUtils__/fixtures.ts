import { HttpResponse } from 'msw';
import {
  NamespaceStatus,
  OperationResult,
  OperationType,
} from '@namespace-scheduler/backstage-plugin-common';

export const namespaceStatus = (
  namespace: string,
  state: NamespaceStatus['state'],
  extra: Partial<NamespaceStatus> = {},
): NamespaceStatus => ({
  cluster: 'sandbox',
  namespace,
  state,
  workloads: [
    {
      kind: 'Deployment',
      name: 'api-gateway',
      replicas: 2,
      readyReplicas: 2,
      excluded: false,
      state: 'awake',
    },
    {
      kind: 'StatefulSet',
      name: 'redis',
      replicas: 0,
      originalReplicas: 1,
      excluded: false,
      state: 'asleep',
    },
  ],
  counts: { total: 2, awake: 1, asleep: 1, excluded: 0 },
  observedAt: '2026-11-22T07:00:00Z',
  ...extra,
});

/** An engine result in seed 003's shape; a successful change of nothing unless overridden. */
export const operationResult = (
  operation: OperationType,
  extra: Partial<OperationResult> = {},
): OperationResult => ({
  operation,
  cluster: 'sandbox',
  namespace: 'shop-dev',
  dry_run: false,
  success: true,
  scaled_resources: [],
  failed_resources: [],
  skipped_resources: [],
  total_scaled: 0,
  total_failed: 0,
  rollback_performed: false,
  rollback_results: [],
  rollback_success_count: 0,
  rollback_failed_count: 0,
  originals: [],
  errors: [],
  started_at: '2026-11-22T07:00:00Z',
  finished_at: '2026-11-22T07:00:01Z',
  ...extra,
});

const ERROR_NAMES: Record<number, string> = {
  400: 'InputError',
  403: 'NotAllowedError',
  404: 'NotFoundError',
  409: 'ConflictError',
};

/** An error response as the backend's error handler sends it. */
export const errorResponse = (status: number, message: string) =>
  HttpResponse.json(
    {
      error: { name: ERROR_NAMES[status] ?? 'Error', message },
      response: { statusCode: status },
    },
    { status },
  );
