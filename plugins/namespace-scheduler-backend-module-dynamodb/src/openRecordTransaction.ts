/** The open/close rule as one DynamoDB transaction (docs/dynamodb.md): its conditions, side by side, are what make concurrent and replayed writes safe. */
import { GetCommand, TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { Activity } from '@namespace-scheduler/backstage-plugin-common';
import {
  ActivityEffect,
  minutesBetween,
} from '@namespace-scheduler/backstage-plugin-node';
import { OpenPointerItem, pointerKey, toItem } from './activityItems';
import { DynamoDbAccess } from './DynamoDbAccess';

export type TransactItem = NonNullable<
  TransactWriteCommandInput['TransactItems']
>[number];

/** The namespace's open record, as its pointer item names it. */
export type OpenRecord = { key: string; startMs: number };

/** Reads the pointer item: the transaction is guarded on what it said. */
export async function readOpenRecord(
  access: DynamoDbAccess,
  tableName: string,
  activity: Activity,
): Promise<OpenRecord | undefined> {
  const { Item } = await access.call(() =>
    access.doc.send(
      new GetCommand({
        TableName: tableName,
        Key: pointerKey(activity.cluster, activity.namespace),
        ConsistentRead: true,
      }),
    ),
  );
  const pointer = Item as OpenPointerItem | undefined;
  return pointer?.open_key && pointer.open_start_ms !== undefined
    ? { key: pointer.open_key, startMs: pointer.open_start_ms }
    : undefined;
}

/** The transaction's items; the new record always comes first. */
export function planTransaction(
  tableName: string,
  activity: Activity,
  effect: ActivityEffect,
  open: OpenRecord | undefined,
): TransactItem[] {
  const startMs = Date.parse(activity.timestamp_start);
  if (effect === 'open') {
    // A replayed wake older than the open record was superseded by it.
    if (open && open.startMs > startMs) {
      return [put(tableName, supersededBy(activity, open.startMs))];
    }
    return [
      put(tableName, activity),
      movePointer(tableName, activity, open),
      ...(open ? [complete(tableName, activity, open, startMs)] : []),
    ];
  }
  const endMs = Date.parse(activity.timestamp_end ?? activity.timestamp_start);
  // A replayed sleep older than the open record must not complete the newer one.
  if (effect === 'close' && open && open.startMs <= endMs) {
    return [
      put(tableName, activity),
      movePointer(tableName, activity, open),
      complete(tableName, activity, open, endMs),
    ];
  }
  return [put(tableName, activity)];
}

/** Only if the record is new: a replay's put fails first, naming itself. */
function put(tableName: string, activity: Activity): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: toItem(activity),
      ConditionExpression: 'attribute_not_exists(timestamp_start)',
    },
  };
}

/** Points at the new record when it opens, clears the pointer when it closes; only if nobody moved it since it was read. */
function movePointer(
  tableName: string,
  activity: Activity,
  seen: OpenRecord | undefined,
) {
  const item = toItem(activity);
  const opens = activity.status === 'active';
  return {
    Update: {
      TableName: tableName,
      Key: pointerKey(activity.cluster, activity.namespace),
      UpdateExpression: opens
        ? 'SET open_key = :key, open_start_ms = :start'
        : 'REMOVE open_key, open_start_ms',
      ConditionExpression: seen
        ? 'open_key = :seen'
        : 'attribute_not_exists(open_key)',
      ExpressionAttributeValues: {
        ...(opens && {
          ':key': item.timestamp_start,
          ':start': Date.parse(activity.timestamp_start),
        }),
        ...(seen && { ':seen': seen.key }),
      },
    },
  } satisfies TransactItem;
}

/** Completes the open record at `endMs`, unless something completed it already. */
function complete(
  tableName: string,
  activity: Activity,
  open: OpenRecord,
  endMs: number,
): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: { namespace_name: activity.namespace, timestamp_start: open.key },
      UpdateExpression:
        'SET #status = :completed, timestamp_end = :end, duration_minutes = :minutes',
      ConditionExpression: '#status = :active',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':completed': 'completed',
        ':active': 'active',
        ':end': endMs,
        ':minutes': minutesBetween(open.startMs, endMs),
      },
    },
  };
}

function supersededBy(activity: Activity, endMs: number): Activity {
  return {
    ...activity,
    status: 'completed',
    timestamp_end: new Date(endMs).toISOString(),
    duration_minutes: minutesBetween(
      Date.parse(activity.timestamp_start),
      endMs,
    ),
  };
}
