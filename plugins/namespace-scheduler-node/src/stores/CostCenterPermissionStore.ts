import { CostCenterPermission } from '@namespace-scheduler/backstage-plugin-common';

/** An admin's (or app-config's) decision on one cost center. */
export type CostCenterRecord = {
  costCenter: string;
  isAuthorized: boolean;
  /** Group refs whose members may charge it; empty: anyone. */
  allowedGroups: string[];
  note?: string;
  /** The user who changed it, or `app-config`. */
  changedBy: string;
  changedAt: Date;
};

/** Cost-center permission records. */
export interface CostCenterPermissionStore {
  get(costCenter: string): Promise<CostCenterRecord | undefined>;
  list(): Promise<CostCenterRecord[]>;
  /** Creates or replaces the cost center's record. */
  put(record: CostCenterRecord): Promise<void>;
  /** Writes the records of cost centers that have none; existing records win. */
  seed(records: CostCenterRecord[]): Promise<void>;
}

/** A cost center's permission as the API shows it: its record's, or the configured default. */
export function permissionOf(
  record: CostCenterRecord | undefined,
  defaultAuthorized: boolean,
): CostCenterPermission {
  if (!record) {
    return {
      is_authorized: defaultAuthorized,
      allowed_groups: [],
      source: 'default',
    };
  }
  return {
    is_authorized: record.isAuthorized,
    allowed_groups: record.allowedGroups,
    source: 'record',
    ...(record.note !== undefined && { note: record.note }),
    changed_by: record.changedBy,
    changed_at: record.changedAt.toISOString(),
  };
}
