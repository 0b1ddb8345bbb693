import { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { OperationType } from '@namespace-scheduler/backstage-plugin-common';
import { ActivityQuery } from '@namespace-scheduler/backstage-plugin-node';
import { ActivityItem } from './activityItems';
import { ACTIVITY_INDEXES } from './tables';

type Equality = { attribute: keyof ActivityItem; value: string };

/** Every operation type: the operation index partitions the whole log into these. */
const OPERATIONS: OperationType[] = ['sleep', 'wake', 'scale'];

/** Sort keys of activities: below every ISO timestamp and above them all. */
const LOWEST_KEY = '0';
const HIGHEST_KEY = '~';

/**
 * The DynamoDB queries that answer an activity query, newest first. The
 * most selective key wins: the namespace (the table's hash key), then the
 * GSIs (cost center, operation, cluster, requester); other filters become filter expressions. A query naming no
 * key reads the operation index's three partitions, to be merged by time.
 */
export function planQueries(
  tableName: string,
  query: ActivityQuery,
  before: string | undefined,
): QueryCommandInput[] {
  const range = keyRange(query, before);
  if (!range) return [];
  const equalities = equalitiesOf(query);
  const [first, ...rest] = equalities;
  if (first && isKey(first.attribute)) {
    return [queryInput(tableName, first, rest, range)];
  }
  return OPERATIONS.map(value =>
    queryInput(
      tableName,
      { attribute: 'operation_type', value },
      equalities,
      range,
    ),
  );
}

/** In order of preference for the key; status and outcome are never keys. */
function equalitiesOf(query: ActivityQuery): Equality[] {
  const candidates: Array<[keyof ActivityItem, string | undefined]> = [
    ['namespace_name', query.namespace],
    ['cost_center', query.costCenter],
    ['operation_type', query.operation],
    ['cluster_name', query.cluster],
    ['requested_by', query.requestedBy],
    ['status', query.status],
    ['outcome', query.outcome],
  ];
  return candidates.flatMap(([attribute, value]) =>
    value ? [{ attribute, value }] : [],
  );
}

function isKey(attribute: keyof ActivityItem): boolean {
  return attribute === 'namespace_name' || attribute in ACTIVITY_INDEXES;
}

function indexOf(attribute: keyof ActivityItem): string | undefined {
  return Object.entries(ACTIVITY_INDEXES).find(
    ([hashKey]) => hashKey === attribute,
  )?.[1];
}

/**
 * Sort keys from `from` (inclusive) to `to` and the cursor. A sort key is
 * `<ISO start>#<id>`, so the bare ISO `to` is never equal to one and acts as
 * exclusive; the cursor's own key is dropped from the results by the caller.
 */
function keyRange(
  query: ActivityQuery,
  before: string | undefined,
): { low: string; high: string } | undefined {
  const low = query.from ? query.from.toISOString() : LOWEST_KEY;
  const bounds = [
    query.to?.toISOString() ?? HIGHEST_KEY,
    before ?? HIGHEST_KEY,
  ];
  const high = bounds.sort()[0];
  return low <= high ? { low, high } : undefined;
}

function queryInput(
  tableName: string,
  key: Equality,
  filters: Equality[],
  range: { low: string; high: string },
): QueryCommandInput {
  const names: Record<string, string> = {
    '#key': key.attribute,
    '#start': 'timestamp_start',
  };
  const values: Record<string, string> = {
    ':key': key.value,
    ':low': range.low,
    ':high': range.high,
  };
  filters.forEach((filter, i) => {
    names[`#f${i}`] = filter.attribute;
    values[`:f${i}`] = filter.value;
  });
  return {
    TableName: tableName,
    IndexName: indexOf(key.attribute),
    KeyConditionExpression: '#key = :key AND #start BETWEEN :low AND :high',
    ...(filters.length > 0 && {
      FilterExpression: filters.map((_, i) => `#f${i} = :f${i}`).join(' AND '),
    }),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ScanIndexForward: false,
  };
}
