import { createApiRef } from '@backstage/core-plugin-api';
import {
  Activity,
  ActivityPage,
  ActivityStatus,
  NamespaceCostCenter,
  NamespaceStatus,
  OffHoursStatus,
  OperationResult,
  OperationType,
  PreviewTransition,
  Schedule,
  ScheduleInput,
} from '@namespace-scheduler/backstage-plugin-common';

/** A claimed namespace with live state and who claims it (admin view). */
export interface ManagedNamespace extends NamespaceStatus {
  entityRefs: string[];
  ownerRefs: string[];
}

/** A namespace on a configured cluster. */
export type NamespaceLocator = { cluster: string; namespace: string };

/** A manual sleep, wake or scale; `dryRun` asks for the plan only. */
export type OperationRequest = {
  costCenter: string;
  dryRun?: boolean;
} & (
  | { operation: Exclude<OperationType, 'scale'> }
  | { operation: 'scale'; replicas: number }
);

/** The engine's result; `activityId` is absent for dry runs. */
export type OperationResponse = {
  result: OperationResult;
  activityId?: string;
};

/** Filters of the activity log; `from`/`to` bound the start (ISO 8601). */
export type ActivityQuery = NamespaceLocator & {
  costCenter?: string;
  operation?: OperationType;
  requestedBy?: string;
  status?: ActivityStatus;
  outcome?: Activity['outcome'];
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
};

/** What the frontend asks of the namespace-scheduler backend. */
export interface NamespaceSchedulerApi {
  /** The namespaces an entity claims, with live state. */
  getEntityNamespaces(entityRef: string): Promise<NamespaceStatus[]>;
  /** Every claimed namespace the user may read, across clusters. */
  listNamespaces(): Promise<ManagedNamespace[]>;
  /** Sleeps, wakes or scales a namespace now (or plans it, with `dryRun`). */
  runOperation(
    target: NamespaceLocator,
    request: OperationRequest,
  ): Promise<OperationResponse>;
  listSchedules(target: NamespaceLocator): Promise<Schedule[]>;
  createSchedule(input: ScheduleInput): Promise<Schedule>;
  replaceSchedule(id: string, input: ScheduleInput): Promise<Schedule>;
  deleteSchedule(id: string): Promise<void>;
  /** The namespace's planned transitions over the next `days` (default 7), at most `limit` (default 50). */
  previewSchedules(
    target: NamespaceLocator,
    options?: { days?: number; limit?: number },
  ): Promise<PreviewTransition[]>;
  /** One page of a namespace's activity, newest first. */
  listActivities(query: ActivityQuery): Promise<ActivityPage>;
  /** The namespace's valid cost centers and whether the user may charge each. */
  listNamespaceCostCenters(
    target: NamespaceLocator,
  ): Promise<NamespaceCostCenter[]>;
  /** The off-hours limit now: whether it applies and who holds the slots. */
  getOffHours(): Promise<OffHoursStatus>;
}

export const namespaceSchedulerApiRef = createApiRef<NamespaceSchedulerApi>({
  id: 'plugin.namespace-scheduler.api',
});
