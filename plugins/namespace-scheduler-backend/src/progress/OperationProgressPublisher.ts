import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  OperationProgressEvent,
  operationProgressChannel,
  OperationProgressSignal,
  OperationProgressStep,
} from '@namespace-scheduler/backstage-plugin-common';

/** The engine's stages the live view shows; `started` and `rolling_back` are not steps. */
const STEPS: Partial<
  Record<OperationProgressEvent['stage'], OperationProgressStep>
> = {
  succeeded: 'scaled',
  skipped: 'skipped',
  failed: 'failed',
  rolled_back: 'rolled-back',
  rollback_failed: 'rollback-failed',
};

const FORWARD_STEPS: ReadonlySet<OperationProgressStep> = new Set([
  'scaled',
  'skipped',
  'failed',
]);

/** One operation's progress listener, and how to wait until its signals are out. */
export interface ProgressListener {
  onProgress(event: OperationProgressEvent): void;
  /** Resolves once every signal so far was published (or failed and was logged). */
  flush(): Promise<void>;
}

/**
 * Sends each workload's step of an operation as a Backstage signal to the
 * user who asked for it, on the operation's own channel, so the page that
 * started it shows progress live while the request runs. Signals are
 * published in order; a failing publish is logged and never fails the
 * operation (the HTTP response carries the authoritative result).
 */
export class OperationProgressPublisher {
  static create(options: {
    signals: SignalsService;
    logger: LoggerService;
  }): OperationProgressPublisher {
    return new OperationProgressPublisher(options.signals, options.logger);
  }

  private constructor(
    private readonly signals: SignalsService,
    private readonly logger: LoggerService,
  ) {}

  listener(progressId: string, userEntityRef: string): ProgressListener {
    let done = 0;
    let queue = Promise.resolve();
    const channel = operationProgressChannel(progressId);
    const onProgress = (event: OperationProgressEvent) => {
      const step = STEPS[event.stage];
      if (!step || event.dry_run) return;
      if (FORWARD_STEPS.has(step)) done += 1;
      const message = toSignal(progressId, event, step, done);
      queue = queue.then(() => this.publish(channel, userEntityRef, message));
    };
    return { onProgress, flush: () => queue };
  }

  private async publish(
    channel: string,
    userEntityRef: string,
    message: OperationProgressSignal,
  ) {
    try {
      await this.signals.publish({
        recipients: { type: 'user', entityRef: userEntityRef },
        channel,
        message,
      });
    } catch (error) {
      this.logger.warn(
        `Could not publish progress on ${channel}: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
  }
}

function toSignal(
  progressId: string,
  event: OperationProgressEvent,
  step: OperationProgressStep,
  done: number,
): OperationProgressSignal {
  return {
    progress_id: progressId,
    operation: event.operation,
    cluster: event.cluster,
    namespace: event.namespace,
    kind: event.type,
    name: event.name,
    step,
    from_replicas: event.from_replicas,
    to_replicas: event.to_replicas,
    ...(event.error !== undefined && { error: event.error }),
    done,
    total: event.total,
  };
}
