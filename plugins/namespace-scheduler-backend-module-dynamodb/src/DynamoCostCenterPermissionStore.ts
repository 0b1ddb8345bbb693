import {
  GetCommand,
  PutCommand,
  ScanCommand,
  ScanCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import {
  CostCenterPermissionStore,
  CostCenterRecord,
} from '@namespace-scheduler/backstage-plugin-node';
import { DynamoDbAccess } from './DynamoDbAccess';
import { isConditionFailure } from './errors';

/** A permission item (`cost_center`, `is_authorized`) plus who may charge it. */
type PermissionItem = {
  cost_center: string;
  is_authorized: boolean;
  allowed_groups: string[];
  note?: string;
  changed_by: string;
  /** Epoch milliseconds. */
  changed_at: number;
};

/** Cost-center permission records in the DynamoDB permission table (docs/dynamodb.md). */
export class DynamoCostCenterPermissionStore
  implements CostCenterPermissionStore
{
  static create(options: {
    access: DynamoDbAccess;
    tableName: string;
  }): DynamoCostCenterPermissionStore {
    return new DynamoCostCenterPermissionStore(
      options.access,
      options.tableName,
    );
  }

  private constructor(
    private readonly access: DynamoDbAccess,
    private readonly tableName: string,
  ) {}

  async get(costCenter: string): Promise<CostCenterRecord | undefined> {
    const { Item } = await this.access.call(() =>
      this.access.doc.send(
        new GetCommand({
          TableName: this.tableName,
          Key: { cost_center: costCenter },
          ConsistentRead: true,
        }),
      ),
    );
    return Item && fromItem(Item as PermissionItem);
  }

  /** A scan, sorted like the portal-database store: one small item per cost center. */
  async list(): Promise<CostCenterRecord[]> {
    const items: PermissionItem[] = [];
    let start: ScanCommandOutput['LastEvaluatedKey'];
    do {
      const command = new ScanCommand({
        TableName: this.tableName,
        ExclusiveStartKey: start,
        ConsistentRead: true,
      });
      const page = await this.access.call(() => this.access.doc.send(command));
      items.push(...((page.Items ?? []) as PermissionItem[]));
      start = page.LastEvaluatedKey;
    } while (start);
    return items
      .map(fromItem)
      .sort((a, b) => (a.costCenter < b.costCenter ? -1 : 1));
  }

  async put(record: CostCenterRecord): Promise<void> {
    await this.access.call(() =>
      this.access.doc.send(
        new PutCommand({ TableName: this.tableName, Item: toItem(record) }),
      ),
    );
  }

  async seed(records: CostCenterRecord[]): Promise<void> {
    for (const record of records) {
      try {
        await this.access.call(() =>
          this.access.doc.send(
            new PutCommand({
              TableName: this.tableName,
              Item: toItem(record),
              ConditionExpression: 'attribute_not_exists(cost_center)',
            }),
          ),
        );
      } catch (error) {
        // An admin's record (or an earlier seed) wins.
        if (!isConditionFailure(error)) throw error;
      }
    }
  }
}

function toItem(record: CostCenterRecord): PermissionItem {
  return {
    cost_center: record.costCenter,
    is_authorized: record.isAuthorized,
    allowed_groups: record.allowedGroups,
    note: record.note,
    changed_by: record.changedBy,
    changed_at: record.changedAt.getTime(),
  };
}

function fromItem(item: PermissionItem): CostCenterRecord {
  return {
    costCenter: item.cost_center,
    isAuthorized: item.is_authorized,
    allowedGroups: item.allowed_groups,
    ...(item.note !== undefined && { note: item.note }),
    changedBy: item.changed_by,
    changedAt: new Date(item.changed_at),
  };
}
