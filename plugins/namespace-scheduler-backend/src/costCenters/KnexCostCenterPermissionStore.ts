import { Knex } from 'knex';
import {
  CostCenterPermissionStore,
  CostCenterRecord,
} from '@namespace-scheduler/backstage-plugin-node';

const TABLE = 'ns_cost_center_permissions';

type Row = {
  cost_center: string;
  is_authorized: boolean | number;
  allowed_groups: string;
  note: string | null;
  changed_by: string;
  changed_at: number | string;
};

/** Cost-center permission records in the portal database (SQLite, PostgreSQL). */
export class KnexCostCenterPermissionStore
  implements CostCenterPermissionStore
{
  static create(options: { knex: Knex }): KnexCostCenterPermissionStore {
    return new KnexCostCenterPermissionStore(options.knex);
  }

  private constructor(private readonly knex: Knex) {}

  async get(costCenter: string): Promise<CostCenterRecord | undefined> {
    const row = await this.knex<Row>(TABLE)
      .where({ cost_center: costCenter })
      .first();
    return row && fromRow(row);
  }

  async list(): Promise<CostCenterRecord[]> {
    const rows = await this.knex<Row>(TABLE).orderBy('cost_center');
    return rows.map(fromRow);
  }

  async put(record: CostCenterRecord): Promise<void> {
    await this.knex<Row>(TABLE)
      .insert(toRow(record))
      .onConflict('cost_center')
      .merge();
  }

  async seed(records: CostCenterRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.knex<Row>(TABLE)
      .insert(records.map(toRow))
      .onConflict('cost_center')
      .ignore();
  }
}

function toRow(record: CostCenterRecord): Row {
  return {
    cost_center: record.costCenter,
    is_authorized: record.isAuthorized,
    allowed_groups: JSON.stringify(record.allowedGroups),
    note: record.note ?? null,
    changed_by: record.changedBy,
    changed_at: record.changedAt.getTime(),
  };
}

function fromRow(row: Row): CostCenterRecord {
  return {
    costCenter: row.cost_center,
    // SQLite answers booleans as 0/1.
    isAuthorized: Boolean(row.is_authorized),
    allowedGroups: JSON.parse(row.allowed_groups),
    ...(row.note !== null && { note: row.note }),
    changedBy: row.changed_by,
    changedAt: new Date(Number(row.changed_at)),
  };
}
