import type {
  OperationProgressEvent,
  OriginalValue,
} from '@namespace-scheduler/backstage-plugin-common';

type LogMeta = Record<string, string | number | boolean | null | undefined>;

/** The logging the engine needs; Backstage's LoggerService fits. */
export interface EngineLogger {
  debug(message: string, meta?: LogMeta): void;
  info(message: string, meta?: LogMeta): void;
  warn(message: string, meta?: LogMeta): void;
  error(message: string, meta?: LogMeta): void;
}

export interface OperationOptions {
  /** Send every write with `dryRun=All`: validate and report the plan, change nothing. */
  dryRun?: boolean;
  /** Called for each workload as it starts, succeeds, fails or is rolled back. */
  onProgress?: (event: OperationProgressEvent) => void;
  /** This operation's logger (e.g. a child carrying its ids); the engine's own otherwise. */
  logger?: EngineLogger;
}

export interface WakeOptions extends OperationOptions {
  /**
   * Originals kept by the caller (e.g. in the store), used for workloads that
   * lost their annotation before the default of 1 applies.
   */
  storedOriginals?: OriginalValue[];
}
