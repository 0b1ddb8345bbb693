/**
 * An admin's (or app-config's) decision on one cost center.
 *
 * @public
 */
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

/**
 * Cost-center permission records: the portal database by default, or a
 * store a backend module sets (see namespaceSchedulerStoresExtensionPoint).
 *
 * @public
 */
export interface CostCenterPermissionStore {
  /** The cost center's record; undefined when it has none (the configured default applies). */
  get(costCenter: string): Promise<CostCenterRecord | undefined>;
  /** Every record, sorted by cost center. */
  list(): Promise<CostCenterRecord[]>;
  /** Creates or replaces the cost center's record. */
  put(record: CostCenterRecord): Promise<void>;
  /** Writes the records of cost centers that have none; existing records win. */
  seed(records: CostCenterRecord[]): Promise<void>;
}
