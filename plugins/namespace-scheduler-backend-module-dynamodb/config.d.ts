export interface Config {
  namespaceScheduler?: {
    /**
     * Where the DynamoDB module keeps the activity log (and, with
     * `tables.costCenterPermissions`, cost-center permissions); the tables
     * and IAM are in docs/dynamodb.md. Credentials come from the default AWS
     * chain (environment, shared config, web identity, ECS/EC2 roles). Writes
     * DynamoDB cannot take are queued in the portal database and replayed
     * when it answers.
     * @visibility backend
     */
    dynamodb?: {
      /** AWS region. @default the default chain's region (AWS_REGION, shared config) */
      region?: string;
      /** Endpoint override, e.g. `http://127.0.0.1:8000` for DynamoDB Local. */
      endpoint?: string;
      tables?: {
        /**
         * The activity table (hash `namespace_name`, range `timestamp_start`, the four GSIs).
         * @default namespace-scheduler-activities
         */
        activities?: string;
        /** The cost-center permission table; permissions stay in the portal database when absent. */
        costCenterPermissions?: string;
      };
      /**
       * Create missing tables at startup (needs dynamodb:CreateTable);
       * otherwise a missing table fails startup with what to do.
       * @default false
       */
      createTables?: boolean;
      /**
       * How often queued activity writes are replayed, in seconds.
       * @default 15
       */
      outboxFlushSeconds?: number;
      /**
       * Time limit of one request (connect and response), in milliseconds.
       * @default 3000
       */
      requestTimeoutMs?: number;
      /** Retries on network errors, throttling and 5xx (exponential backoff). */
      retry?: {
        /** Retries after the first attempt. @default 3 */
        maxAttempts?: number;
        /** First backoff, in milliseconds. @default 100 */
        initialDelayMs?: number;
        /** Longest backoff, in milliseconds. @default 2000 */
        maxDelayMs?: number;
      };
      /** Fails fast (writes go straight to the queue) after repeated failures. */
      circuitBreaker?: {
        /** Consecutive failed attempts that open the circuit. @default 5 */
        consecutiveFailures?: number;
        /** How long the circuit stays open before a probe, in milliseconds. @default 10000 */
        halfOpenAfterMs?: number;
      };
    };
  };
}
