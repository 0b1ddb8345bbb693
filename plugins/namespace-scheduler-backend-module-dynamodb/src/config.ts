import { Config } from '@backstage/config';

/** Retries, backoff and circuit breaker around every DynamoDB call. */
export type DynamoDbResilience = {
  requestTimeoutMs: number;
  retryMaxAttempts: number;
  retryInitialDelayMs: number;
  retryMaxDelayMs: number;
  breakerConsecutiveFailures: number;
  breakerHalfOpenAfterMs: number;
};

export type DynamoDbSettings = DynamoDbResilience & {
  region?: string;
  /** `http://127.0.0.1:8000` for DynamoDB Local; AWS's endpoint when absent. */
  endpoint?: string;
  activityTable: string;
  /** Cost-center permissions stay in the portal database when absent. */
  permissionsTable?: string;
  /** Create missing tables at startup instead of failing. */
  createTables: boolean;
  /** How often queued activity writes are retried, in seconds. */
  outboxFlushSeconds: number;
};

const KEY = 'namespaceScheduler.dynamodb';

export const DEFAULT_ACTIVITY_TABLE = 'namespace-scheduler-activities';

/** `namespaceScheduler.dynamodb`; credentials come from the default AWS chain. */
export function readDynamoDbConfig(config: Config): DynamoDbSettings {
  const block = config.getOptionalConfig(KEY);
  const retry = block?.getOptionalConfig('retry');
  const breaker = block?.getOptionalConfig('circuitBreaker');
  return {
    region: block?.getOptionalString('region'),
    endpoint: block?.getOptionalString('endpoint'),
    activityTable:
      block?.getOptionalString('tables.activities') ?? DEFAULT_ACTIVITY_TABLE,
    permissionsTable: block?.getOptionalString('tables.costCenterPermissions'),
    createTables: block?.getOptionalBoolean('createTables') ?? false,
    outboxFlushSeconds: block?.getOptionalNumber('outboxFlushSeconds') ?? 15,
    requestTimeoutMs: block?.getOptionalNumber('requestTimeoutMs') ?? 3000,
    retryMaxAttempts: retry?.getOptionalNumber('maxAttempts') ?? 3,
    retryInitialDelayMs: retry?.getOptionalNumber('initialDelayMs') ?? 100,
    retryMaxDelayMs: retry?.getOptionalNumber('maxDelayMs') ?? 2000,
    breakerConsecutiveFailures:
      breaker?.getOptionalNumber('consecutiveFailures') ?? 5,
    breakerHalfOpenAfterMs:
      breaker?.getOptionalNumber('halfOpenAfterMs') ?? 10_000,
  };
}
