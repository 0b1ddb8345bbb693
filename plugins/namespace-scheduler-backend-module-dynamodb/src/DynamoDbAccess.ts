import { DynamoDBClient, DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  circuitBreaker,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
  IPolicy,
  retry,
  wrap,
} from 'cockatiel';
import { DynamoDbResilience } from './config';
import { isTransient } from './errors';

export type DynamoDbAccessOptions = DynamoDbResilience & {
  region?: string;
  endpoint?: string;
  /** Tests only: production uses the default AWS credential chain. */
  credentials?: DynamoDBClientConfig['credentials'];
};

/**
 * One DynamoDB client for the plugin's tables, and the one way to call it:
 * retries with exponential backoff around a circuit breaker, so an outage
 * fails fast instead of stalling every operation.
 */
export class DynamoDbAccess {
  static create(options: DynamoDbAccessOptions): DynamoDbAccess {
    const client = new DynamoDBClient({
      region: options.region,
      endpoint: options.endpoint,
      credentials: options.credentials,
      // The policy below retries; SDK retries inside it would multiply attempts.
      maxAttempts: 1,
      requestHandler: {
        connectionTimeout: options.requestTimeoutMs,
        requestTimeout: options.requestTimeoutMs,
        // Without it a timed-out request only logs a warning and keeps waiting.
        throwOnRequestTimeout: true,
      },
    });
    const doc = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });
    return new DynamoDbAccess(client, doc, createPolicy(options));
  }

  private constructor(
    readonly client: DynamoDBClient,
    readonly doc: DynamoDBDocumentClient,
    private readonly policy: IPolicy,
  ) {}

  /** Runs one DynamoDB request under the retry and breaker policy. */
  call<T>(request: () => Promise<T>): Promise<T> {
    return this.policy.execute(() => request());
  }

  close(): void {
    this.doc.destroy();
    this.client.destroy();
  }
}

function createPolicy(options: DynamoDbResilience): IPolicy {
  const breaker = circuitBreaker(handleWhen(isTransient), {
    halfOpenAfter: options.breakerHalfOpenAfterMs,
    breaker: new ConsecutiveBreaker(options.breakerConsecutiveFailures),
  });
  const retries = retry(handleWhen(isTransient), {
    maxAttempts: options.retryMaxAttempts,
    backoff: new ExponentialBackoff({
      initialDelay: options.retryInitialDelayMs,
      maxDelay: options.retryMaxDelayMs,
    }),
  });
  return wrap(retries, breaker);
}
