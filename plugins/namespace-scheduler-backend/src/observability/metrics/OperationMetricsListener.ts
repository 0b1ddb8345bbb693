import {
  keepsAwake,
  putsToSleep,
  type OperationResult,
} from '@namespace-scheduler/backstage-plugin-common';
import type {
  OperationListener,
  OperationOutcomeEvent,
} from '../../operations/OperationListener';
import type { AwakeNamespaces } from './AwakeNamespaces';
import type { OperationOutcomeLabel, PluginMetrics } from './PluginMetrics';
import { type ActivityStore } from '@namespace-scheduler/backstage-plugin-node';

const HOUR_MS = 3_600_000;

/**
 * Counts operations and rollbacks, keeps the awake gauge current, and adds
 * the hours a namespace slept when it is woken: the span between the sleep
 * that put it down and this wake, both read from the activity log.
 */
export class OperationMetricsListener implements OperationListener {
  readonly name = 'metrics';

  static create(options: {
    metrics: PluginMetrics;
    awake: AwakeNamespaces;
    activities: Pick<ActivityStore, 'list'>;
  }): OperationMetricsListener {
    return new OperationMetricsListener(options);
  }

  private constructor(
    private readonly deps: {
      metrics: PluginMetrics;
      awake: AwakeNamespaces;
      activities: Pick<ActivityStore, 'list'>;
    },
  ) {}

  async onOutcome(event: OperationOutcomeEvent): Promise<void> {
    const { request, result } = event;
    this.deps.metrics.recordOperation(request.operation, outcomeOf(result));
    if (!result.success) return;
    const awake = keepsAwake(event.request);
    this.deps.awake.note(
      request.cluster,
      request.namespace,
      awake ? 'awake' : 'asleep',
    );
    if (awake) await this.countSavings(event);
  }

  /** The namespace's previous successful operation, if a sleep, ended its savings now. */
  private async countSavings(event: OperationOutcomeEvent) {
    const { items } = await this.deps.activities.list({
      cluster: event.request.cluster,
      namespace: event.request.namespace,
      outcome: 'succeeded',
      limit: 2,
    });
    const previous = items.find(a => a.id !== event.activity.id);
    if (!previous?.timestamp_end || !putsToSleep(previous)) return;
    const asleepMs =
      Date.parse(event.activity.timestamp_start) -
      Date.parse(previous.timestamp_end);
    this.deps.metrics.addSavingsHours(asleepMs / HOUR_MS);
  }
}

export function outcomeOf(result: OperationResult): OperationOutcomeLabel {
  if (result.success) return 'succeeded';
  if (!result.rollback_performed) return 'failed';
  return result.rollback_failed_count > 0 ? 'rollback_failed' : 'rolled_back';
}
