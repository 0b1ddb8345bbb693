import { Weekday } from '../schedule/types';

/**
 * Where a cost center comes from: an entity's annotation, or its owning Group's.
 *
 * @public
 */
export type CostCenterDeclaration = {
  entity_ref: string;
  /** The Group the entity inherits the cost center from; absent when it declares it itself. */
  inherited_from?: string;
};

/**
 * Whether a cost center may be charged. `record` is an admin's (or
 * app-config's) permission record; `default` means there is none and the
 * configured default applies.
 *
 * @public
 */
export type CostCenterPermission = {
  is_authorized: boolean;
  /** Groups whose members may charge it; empty: anyone who may operate the namespace. */
  allowed_groups: string[];
  source: 'record' | 'default';
  note?: string;
  changed_by?: string;
  changed_at?: string;
};

/**
 * A cost center as the admin page lists it (`GET /cost-centers`).
 *
 * @public
 */
export type CostCenter = CostCenterPermission & {
  cost_center: string;
  /** The entities whose annotation declares it (inheriting components are not listed). */
  declared_by: CostCenterDeclaration[];
  /** The namespaces it is valid for. */
  namespaces: Array<{ cluster: string; namespace: string }>;
};

/**
 * A cost center valid for one namespace (`GET /namespaces/{cluster}/{ns}/cost-centers`).
 *
 * @public
 */
export type NamespaceCostCenter = CostCenterPermission & {
  cost_center: string;
  /** The claiming entities that give it to the namespace. */
  declared_by: CostCenterDeclaration[];
  /** Whether the caller may charge it: authorized and, with allowed groups, a member of one. */
  chargeable: boolean;
};

/**
 * The answer of `GET /cost-centers/{cc}/validate`: may this cost center be charged, and why not.
 *
 * @public
 */
export type CostCenterValidation = {
  cost_center: string;
  cluster?: string;
  namespace?: string;
  /** Declared by an entity claiming the namespace (true when no namespace was given). */
  valid: boolean;
  is_authorized: boolean;
  /** No allowed groups, or the user is a member of one. */
  user_allowed: boolean;
  /** All three: operations on the namespace may be charged to it. */
  allowed: boolean;
  /** Why not, one sentence per failed check. */
  reasons: string[];
  /** The namespace's valid cost centers, when a namespace was given. */
  valid_cost_centers?: string[];
};

/**
 * When people work; outside these hours the off-hours limit applies.
 *
 * @public
 */
export type BusinessHoursSpec = {
  days: Weekday[];
  /** `HH:mm`, local to `time_zone`. */
  start: string;
  /** `HH:mm`; `24:00` is midnight at the end of the day. */
  end: string;
  time_zone: string;
};

/**
 * A namespace holding an off-hours slot: it may stay awake outside business hours.
 *
 * @public
 */
export type OffHoursSlot = {
  cluster: string;
  namespace: string;
  /** 1 … limit within its scope. */
  slot: number;
  /** `global`, or `cluster:<name>` when the limit is per cluster. */
  scope: string;
  cost_center: string;
  /** The user, or `scheduler`. */
  requested_by: string;
  /** Who authorized the off-hours wake: the user, or the creator of the schedule. */
  approved_by?: string;
  schedule_id?: string;
  acquired_at: string;
};

/**
 * The off-hours limit now (`GET /off-hours`).
 *
 * @public
 */
export type OffHoursStatus = {
  limit: number;
  scope: 'global' | 'cluster';
  business_hours: BusinessHoursSpec;
  off_hours: boolean;
  /**
   * The current off-hours period, or the next one during business hours;
   * absent when business hours never end. `end` is absent when they never start.
   */
  period?: { start: string; end?: string };
  /** Slots held now, per scope. */
  used: Record<string, number>;
  slots: OffHoursSlot[];
};

/**
 * A namespace schedules keep awake during an off-hours period.
 *
 * @public
 */
export type PlannedOffHoursNamespace = {
  cluster: string;
  namespace: string;
  awake: Array<{ from: string; to: string }>;
};

/**
 * The admin view: who holds the slots now and who schedules will keep awake this week.
 *
 * @public
 */
export type OffHoursPlan = OffHoursStatus & {
  upcoming: Array<{
    start: string;
    end: string;
    /** Most namespaces awake at once in the period, per scope. */
    peak: Record<string, number>;
    namespaces: PlannedOffHoursNamespace[];
  }>;
};
