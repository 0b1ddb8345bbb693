import { createApiRef } from '@backstage/core-plugin-api';
import {
  Activity,
  ActivityPage,
  ActivityStatus,
  AwakeHours,
  CostCenter,
  CostEstimate,
  CostReport,
  MigrationCandidates,
  MigrationImportRequest,
  MigrationImportResponse,
  DeclaredScheduleState,
  NamespaceCostCenter,
  NamespaceStatus,
  OffHoursPlan,
  OffHoursStatus,
  OperationAsk,
  OperationResult,
  OperationType,
  Schedule,
  ScheduleInput,
  ScheduleRun,
} from '@namespace-scheduler/backstage-plugin-common';

/**
 * A claimed namespace with live state and who claims it (admin view).
 *
 * @public
 */
export interface ManagedNamespace extends NamespaceStatus {
  entityRefs: string[];
  ownerRefs: string[];
}

/**
 * A namespace on a configured cluster.
 *
 * @public
 */
export type NamespaceLocator = { cluster: string; namespace: string };

/**
 * The engine's result; `activityId` is absent for dry runs, `schedule` is the override of an `until`.
 *
 * @public
 */
export type OperationResponse = {
  result: OperationResult;
  activityId?: string;
  schedule?: Schedule;
};

/**
 * What running a schedule now did.
 *
 * @public
 */
export type ScheduleRunNowResponse = {
  schedule: Schedule;
  result: OperationResult;
  activity?: Activity;
};

/**
 * Filters of the activity log; `from`/`to` bound the start (ISO 8601).
 * Without `cluster` and `namespace` it reads across namespaces (admins).
 *
 * @public
 */
export type ActivityQuery = Partial<NamespaceLocator> & {
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

/**
 * An admin's edit of a cost center's permission record.
 *
 * @public
 */
export type CostCenterPermissionInput = {
  is_authorized: boolean;
  /** Group refs whose members may charge it; empty for anyone. */
  allowed_groups?: string[];
  note?: string;
};

/**
 * What a dialog would do, to estimate its cost: a wake (held `until`, ISO
 * 8601, or open) or a scale to `replicas`, charged to `costCenter`.
 *
 * @public
 */
export type CostEstimateQuery = {
  operation: 'wake' | 'scale';
  replicas?: number;
  until?: string;
  costCenter?: string;
};

/**
 * What the frontend asks of the namespace-scheduler backend.
 *
 * @public
 */
export interface NamespaceSchedulerApi {
  /** The namespaces an entity claims, with live state. */
  getEntityNamespaces(entityRef: string): Promise<NamespaceStatus[]>;
  /**
   * Awake hours per local day of the entity's namespaces the user may read,
   * over the last `days` (default 14, today included) in `zone` (default
   * UTC), counting the present; with the namespaces awake now that no wake
   * record covers, counted from their `since`; with configured prices, the
   * period's estimated cost and savings.
   */
  getAwakeHours(
    entityRef: string,
    options?: { days?: number; zone?: string },
  ): Promise<AwakeHours>;
  /** What the operation would cost, from the namespace's live requests at the configured prices. */
  getCostEstimate(
    target: NamespaceLocator,
    query: CostEstimateQuery,
  ): Promise<CostEstimate>;
  /** Every claimed namespace the user may read, across clusters. */
  listNamespaces(): Promise<ManagedNamespace[]>;
  /** One namespace's live state. */
  getNamespace(target: NamespaceLocator): Promise<NamespaceStatus>;
  /**
   * Sleeps, wakes or scales a namespace now (or plans it, with `dryRun`).
   * With a `progressId` (a UUID) each workload's step is signalled live on
   * `operationProgressChannel(progressId)`.
   */
  runOperation(
    target: NamespaceLocator,
    ask: OperationAsk,
    options?: { progressId?: string },
  ): Promise<OperationResponse>;
  listSchedules(target: NamespaceLocator): Promise<Schedule[]>;
  createSchedule(input: ScheduleInput): Promise<Schedule>;
  replaceSchedule(id: string, input: ScheduleInput): Promise<Schedule>;
  deleteSchedule(id: string): Promise<void>;
  /** Runs a schedule now (what it asks for at this moment). */
  runSchedule(id: string): Promise<ScheduleRunNowResponse>;
  /**
   * What became of the schedules the entity (or its owner group) declares in
   * its `namespace-scheduler/schedule` annotation: applied, conflict or invalid.
   */
  listDeclaredSchedules(entityRef: string): Promise<DeclaredScheduleState[]>;
  /** A schedule's runs, newest first. */
  listScheduleRuns(id: string, limit?: number): Promise<ScheduleRun[]>;
  /** One page of a namespace's activity, newest first. */
  listActivities(query: ActivityQuery): Promise<ActivityPage>;
  /** The namespace's valid cost centers and whether the user may charge each. */
  listNamespaceCostCenters(
    target: NamespaceLocator,
  ): Promise<NamespaceCostCenter[]>;
  /** The off-hours limit now: whether it applies and who holds the slots. */
  getOffHours(): Promise<OffHoursStatus>;
  /** Admins: the slots held now and who schedules keep awake in the next `days` (default 7). */
  getOffHoursSlots(days?: number): Promise<OffHoursPlan>;
  /** Every cost center with its permission record (admin page). */
  listCostCenters(): Promise<CostCenter[]>;
  /** Admins: creates or replaces a cost center's permission record. */
  setCostCenterPermission(
    costCenter: string,
    permission: CostCenterPermissionInput,
  ): Promise<CostCenter>;
  /** Admins: awake hours and savings per cost center and team (default: the last 30 days). */
  getCostReport(range?: { from?: string; to?: string }): Promise<CostReport>;
  /** Admins: kube-downscaler annotations and kube-green SleepInfos on the clusters, mapped to schedules. */
  getMigrationCandidates(): Promise<MigrationCandidates>;
  /** Admins: creates the schedules of the chosen candidates; changes nothing on the clusters. */
  importMigrationCandidates(
    request: MigrationImportRequest,
  ): Promise<MigrationImportResponse>;
}

/** @public */
export const namespaceSchedulerApiRef = createApiRef<NamespaceSchedulerApi>({
  id: 'plugin.namespace-scheduler.api',
});
