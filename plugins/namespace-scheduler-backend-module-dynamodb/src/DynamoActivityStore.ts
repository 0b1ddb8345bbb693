import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  Activity,
  ActivityPage,
  AwakeRecord,
  awakeRecordOf,
  opensAwakePeriod,
} from '@namespace-scheduler/backstage-plugin-common';
import {
  ActivityEffect,
  ActivityQuery,
  DEFAULT_ACTIVITY_PAGE,
  MAX_ACTIVITY_PAGE,
  NewActivity,
  ReplayableActivityStore,
  prepareActivity,
} from '@namespace-scheduler/backstage-plugin-node';
import { ActivityItem, fromItem } from './activityItems';
import { planQueries } from './activityQueries';
import { decodeCursor, encodeCursor } from './cursor';
import { DynamoDbAccess } from './DynamoDbAccess';
import { cancellationCodes } from './errors';
import {
  planTransaction,
  readOpenRecord,
  TransactItem,
} from './openRecordTransaction';
import { ID_INDEX } from './tables';

/** Concurrent writes to one namespace each retry until their view of its open record holds. */
const MAX_WRITE_ATTEMPTS = 10;

/**
 * The activity log in DynamoDB (docs/dynamodb.md). The open/close rule is one
 * transaction: the new record, the namespace's open-record pointer (guarded
 * by a condition on what was read) and the completion of the previous open
 * record (only while it is still active; see openRecordTransaction.ts).
 * Writes are idempotent by id, so a queued write replayed after an outage
 * lands exactly once.
 */
export class DynamoActivityStore implements ReplayableActivityStore {
  static create(options: {
    access: DynamoDbAccess;
    tableName: string;
  }): DynamoActivityStore {
    return new DynamoActivityStore(options.access, options.tableName);
  }

  private constructor(
    private readonly access: DynamoDbAccess,
    private readonly tableName: string,
  ) {}

  prepare(activity: NewActivity, effect: ActivityEffect): Activity {
    return prepareActivity(activity, effect);
  }

  async record(
    activity: NewActivity,
    effect: ActivityEffect,
  ): Promise<Activity> {
    const prepared = this.prepare(activity, effect);
    await this.write(prepared, effect);
    return prepared;
  }

  async write(activity: Activity, effect: ActivityEffect): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const open = await readOpenRecord(this.access, this.tableName, activity);
      try {
        await this.transact(
          planTransaction(this.tableName, activity, effect, open),
        );
        return;
      } catch (error) {
        const [put, ...guards] = cancellationCodes(error);
        // The record itself exists: this is a replay of a write that landed.
        if (put === 'ConditionalCheckFailed') return;
        const raced = guards.includes('ConditionalCheckFailed');
        if (!raced || attempt >= MAX_WRITE_ATTEMPTS) throw error;
      }
    }
  }

  async get(id: string): Promise<Activity | undefined> {
    const { Items } = await this.access.call(() =>
      this.access.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: ID_INDEX,
          KeyConditionExpression: 'id = :id',
          ExpressionAttributeValues: { ':id': id },
        }),
      ),
    );
    const key = Items?.[0];
    if (!key) return undefined;
    const { Item } = await this.access.call(() =>
      this.access.doc.send(
        new GetCommand({
          TableName: this.tableName,
          Key: {
            namespace_name: key.namespace_name,
            timestamp_start: key.timestamp_start,
          },
          ConsistentRead: true,
        }),
      ),
    );
    return Item && fromItem(Item as ActivityItem);
  }

  async list(query: ActivityQuery): Promise<ActivityPage> {
    const limit = Math.min(
      query.limit ?? DEFAULT_ACTIVITY_PAGE,
      MAX_ACTIVITY_PAGE,
    );
    const before = query.cursor ? decodeCursor(query.cursor) : undefined;
    const plans = planQueries(this.tableName, query, before);
    const batches = await Promise.all(
      plans.map(plan => this.collect(plan, before, limit + 1)),
    );
    const items = batches
      .flat()
      .sort((a, b) => compareDesc(a.timestamp_start, b.timestamp_start))
      .slice(0, limit + 1);
    const last = items.length > limit ? items[limit - 1] : undefined;
    return {
      items: items.slice(0, limit).map(fromItem),
      ...(last && { next_cursor: encodeCursor(last.timestamp_start) }),
    };
  }

  /**
   * Per namespace, in parallel: the records since `from`, and those before
   * it back to the latest that opened an awake period (the only one that
   * can still be open at `from`).
   */
  async periodRecords(
    namespaces: { cluster: string; namespace: string }[],
    from: Date,
  ): Promise<AwakeRecord[]> {
    const perNamespace = await Promise.all(
      namespaces.map(async ref => {
        const [inPeriod, earlier] = await Promise.all([
          this.listWhile(
            { ...ref, from, limit: MAX_ACTIVITY_PAGE },
            () => true,
          ),
          // Usually the first record or two: read a few at a time.
          this.listWhile(
            { ...ref, to: from, limit: 10 },
            record => !opensAwakePeriod(record),
          ),
        ]);
        return [...inPeriod, ...earlier];
      }),
    );
    return perNamespace.flat().map(awakeRecordOf);
  }

  /** A query's records newest first, page by page, through the first that fails `more`. */
  private async listWhile(
    query: ActivityQuery,
    more: (record: Activity) => boolean,
  ): Promise<Activity[]> {
    const records: Activity[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.list({ ...query, cursor });
      for (const record of page.items) {
        records.push(record);
        if (!more(record)) return records;
      }
      cursor = page.next_cursor;
    } while (cursor);
    return records;
  }

  /**
   * Pages through one query with `LastEvaluatedKey` until `wanted` items
   * pass its filters (DynamoDB filters after reading `Limit` items).
   */
  private async collect(
    plan: QueryCommand['input'],
    before: string | undefined,
    wanted: number,
  ): Promise<ActivityItem[]> {
    const found: ActivityItem[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const command = new QueryCommand({
        ...plan,
        Limit: wanted,
        ExclusiveStartKey: start,
      });
      const page = await this.access.call(() => this.access.doc.send(command));
      const items = (page.Items ?? []) as ActivityItem[];
      // The key range includes its upper bound; the cursor's own item was on the previous page.
      found.push(...items.filter(item => item.timestamp_start !== before));
      start = page.LastEvaluatedKey;
    } while (start && found.length < wanted);
    return found.slice(0, wanted);
  }

  private async transact(items: TransactItem[]) {
    await this.access.call(() =>
      this.access.doc.send(new TransactWriteCommand({ TransactItems: items })),
    );
  }
}

function compareDesc(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? 1 : -1;
}
