import {
  CreateTableCommandInput,
  GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';

/** The four GSIs: hash attribute → index name, each sorted by start. */
export const ACTIVITY_INDEXES = {
  cost_center: 'cost-center-timestamp-index',
  operation_type: 'operation-type-timestamp-index',
  cluster_name: 'cluster-timestamp-index',
  requested_by: 'requested-by-timestamp-index',
} as const;

/** Finds the record behind an activity id (`GET /activities/{id}`). */
export const ID_INDEX = 'id-index';

function timestampIndex(hashKey: string, name: string): GlobalSecondaryIndex {
  return {
    IndexName: name,
    KeySchema: [
      { AttributeName: hashKey, KeyType: 'HASH' },
      { AttributeName: 'timestamp_start', KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: 'ALL' },
  };
}

/**
 * The activity table, in the layout of the earlier in-house scheduler
 * (docs/dynamodb.md). `timestamp_start` is the start as an ISO-8601 string
 * plus `#` and the activity id: it sorts by time like that layout's epoch
 * number, yet two records of one namespace starting in the same millisecond
 * do not collide.
 */
export function activityTableDefinition(
  tableName: string,
): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'namespace_name', AttributeType: 'S' },
      { AttributeName: 'timestamp_start', AttributeType: 'S' },
      { AttributeName: 'id', AttributeType: 'S' },
      ...Object.keys(ACTIVITY_INDEXES).map(name => ({
        AttributeName: name,
        AttributeType: 'S' as const,
      })),
    ],
    KeySchema: [
      { AttributeName: 'namespace_name', KeyType: 'HASH' },
      { AttributeName: 'timestamp_start', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      ...Object.entries(ACTIVITY_INDEXES).map(([hashKey, name]) =>
        timestampIndex(hashKey, name),
      ),
      {
        IndexName: ID_INDEX,
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
    ],
  };
}

/** The cost-center permission table, one item per cost center (docs/dynamodb.md). */
export function permissionsTableDefinition(
  tableName: string,
): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'cost_center', AttributeType: 'S' },
    ],
    KeySchema: [{ AttributeName: 'cost_center', KeyType: 'HASH' }],
  };
}
