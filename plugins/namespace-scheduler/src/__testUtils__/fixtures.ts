import { HttpResponse } from 'msw';
import {
  Activity,
  NamespaceCostCenter,
  NamespaceOperationInProgress,
  NamespaceStatus,
  OffHoursStatus,
  OperationResult,
  OperationType,
  ScaledResource,
  Schedule,
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
  counts: { total: 2, awake: 1, asleep: 1, excluded: 0, off: 0 },
  observedAt: '2026-11-22T07:00:00Z',
  ...extra,
});

/** A Deployment an operation scales from 2 to none, unless overridden. */
export const scaledResource = (
  name: string,
  status: ScaledResource['status'],
  extra: Partial<ScaledResource> = {},
): ScaledResource => ({
  type: 'Deployment',
  name,
  from_replicas: 2,
  to_replicas: 0,
  status,
  ...extra,
});

/** An engine result (changes, failures and rollback per workload); a successful change of nothing unless overridden. */
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

/**
 * An error response as the backend's error handler sends it; `extra` are the
 * error's own properties it serializes too (a busy namespace's `operation`).
 */
export const errorResponse = (
  status: number,
  message: string,
  extra: { operation?: NamespaceOperationInProgress } = {},
) =>
  HttpResponse.json(
    {
      error: { name: ERROR_NAMES[status] ?? 'Error', message, ...extra },
      response: { statusCode: status },
    },
    { status },
  );

type WeeklySchedule = Extract<Schedule, { kind: 'weekly' }>;

export const weeklySchedule = (
  extra: Partial<WeeklySchedule> = {},
): WeeklySchedule => ({
  id: 's1',
  kind: 'weekly',
  title: 'Office hours',
  cluster: 'sandbox',
  namespace: 'shop-dev',
  cost_center: 'CC-1001',
  zone: 'Europe/Madrid',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  from: '08:00',
  to: '19:00',
  status: 'active',
  created_by: 'user:default/guest',
  created_at: '2026-11-20T10:00:00Z',
  updated_at: '2026-11-20T10:00:00Z',
  next_run: '2026-11-23T08:00:00.000+01:00',
  next_operation: 'wake',
  run_count: 3,
  success_count: 2,
  error_count: 1,
  skipped_count: 0,
  last_run: {
    due_at: '2026-11-20T19:00:00.000+01:00',
    ran_at: '2026-11-20T19:00:05.000+01:00',
    trigger: 'schedule',
    operation: 'sleep',
    outcome: 'failed',
    message: 'cluster sandbox unreachable',
  },
  ...extra,
});

export const activity = (
  id: string,
  extra: Partial<Activity> = {},
): Activity => ({
  id,
  namespace: 'shop-dev',
  cluster: 'sandbox',
  operation: 'sleep',
  cost_center: 'CC-1001',
  requested_by: 'user:default/guest',
  user_id: 'user:default/guest',
  status: 'completed',
  outcome: 'succeeded',
  timestamp_start: '2026-11-21T19:00:00Z',
  timestamp_end: '2026-11-21T19:00:02Z',
  duration_minutes: 0,
  result: operationResult('sleep', { total_scaled: 6 }),
  ...extra,
});

export const costCenter = (
  name: string,
  extra: Partial<NamespaceCostCenter> = {},
): NamespaceCostCenter => ({
  cost_center: name,
  is_authorized: true,
  allowed_groups: [],
  source: 'record',
  declared_by: [{ entity_ref: 'group:default/team-commerce' }],
  chargeable: true,
  ...extra,
});

export const defaultCostCenters = [
  costCenter('CC-1001'),
  costCenter('CC-9999', { is_authorized: false, chargeable: false }),
];

export const businessHours: OffHoursStatus = {
  limit: 5,
  scope: 'global',
  business_hours: {
    days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    start: '07:00',
    end: '20:00',
    time_zone: 'Europe/Madrid',
  },
  off_hours: false,
  period: {
    start: '2026-11-23T20:00:00.000+01:00',
    end: '2026-11-24T07:00:00.000+01:00',
  },
  used: {},
  slots: [],
};
