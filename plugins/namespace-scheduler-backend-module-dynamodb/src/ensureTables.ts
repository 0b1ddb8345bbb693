import {
  CreateTableCommand,
  CreateTableCommandInput,
  DescribeTableCommand,
  ResourceNotFoundException,
  TableDescription,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { LoggerService } from '@backstage/backend-plugin-api';
import { DynamoDbAccess } from './DynamoDbAccess';
import { describeError, isUnavailable } from './errors';

const CREATE_WAIT_SECONDS = 120;

/**
 * Checks that each table exists with the expected keys and indexes, creating
 * missing ones when `create` is set; otherwise a missing or different table
 * fails startup with what to do. An unreachable DynamoDB only warns: writes
 * queue in the portal database until it answers.
 */
export async function ensureTables(options: {
  access: DynamoDbAccess;
  tables: CreateTableCommandInput[];
  create: boolean;
  logger: LoggerService;
}): Promise<void> {
  for (const table of options.tables) {
    await ensureTable(options, table);
  }
}

async function ensureTable(
  options: { access: DynamoDbAccess; create: boolean; logger: LoggerService },
  table: CreateTableCommandInput,
) {
  const { access } = options;
  let existing: TableDescription | undefined;
  try {
    existing = await describe(access, table.TableName);
  } catch (error) {
    if (!isUnavailable(error)) throw error;
    options.logger.warn(
      `DynamoDB table ${table.TableName} could not be checked (${describeError(
        error,
      )}); activity writes are queued in the portal database until DynamoDB answers`,
    );
    return;
  }
  if (existing) {
    assertShape(existing, table);
    return;
  }
  if (!options.create) {
    throw new Error(
      `DynamoDB table ${table.TableName} does not exist. Create it as docs/dynamodb.md shows, ` +
        'or set namespaceScheduler.dynamodb.createTables: true to let the module create it',
    );
  }
  options.logger.info(`Creating DynamoDB table ${table.TableName}`);
  await access.call(() => access.client.send(new CreateTableCommand(table)));
  await waitUntilTableExists(
    { client: access.client, maxWaitTime: CREATE_WAIT_SECONDS },
    { TableName: table.TableName },
  );
}

async function describe(
  access: DynamoDbAccess,
  tableName: string | undefined,
): Promise<TableDescription | undefined> {
  try {
    const { Table } = await access.call(() =>
      access.client.send(new DescribeTableCommand({ TableName: tableName })),
    );
    return Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/** The queries rely on these keys and indexes; a table without them would fail later and obscurely. */
function assertShape(
  existing: TableDescription,
  expected: CreateTableCommandInput,
) {
  const problems: string[] = [];
  if (keys(existing.KeySchema) !== keys(expected.KeySchema)) {
    problems.push(
      `key schema is ${keys(existing.KeySchema)}, expected ${keys(
        expected.KeySchema,
      )}`,
    );
  }
  const indexes = new Map(
    (existing.GlobalSecondaryIndexes ?? []).map(i => [
      i.IndexName,
      keys(i.KeySchema),
    ]),
  );
  for (const index of expected.GlobalSecondaryIndexes ?? []) {
    if (indexes.get(index.IndexName) !== keys(index.KeySchema)) {
      problems.push(
        `global secondary index ${index.IndexName} (${keys(
          index.KeySchema,
        )}) is missing`,
      );
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `DynamoDB table ${
        expected.TableName
      } does not match docs/dynamodb.md: ${problems.join('; ')}`,
    );
  }
}

function keys(
  schema: Array<{ AttributeName?: string; KeyType?: string }> | undefined,
): string {
  return (schema ?? []).map(k => `${k.AttributeName} ${k.KeyType}`).join(', ');
}
