import {
  NamespaceStatus,
  OperationResult,
  OperationType,
  OriginalValue,
} from '@namespace-scheduler/backstage-plugin-common';
import { NamespaceOperations, WakeOptions } from '../engine';

/** A result as the engine returns it, successful unless errors are given. */
export function operationResult(
  request: { operation: OperationType; cluster: string; namespace: string },
  options: {
    errors?: string[];
    dryRun?: boolean;
    originals?: OriginalValue[];
  } = {},
): OperationResult {
  const errors = options.errors ?? [];
  const now = new Date().toISOString();
  return {
    ...request,
    dry_run: options.dryRun ?? false,
    success: errors.length === 0,
    scaled_resources: [],
    failed_resources: [],
    skipped_resources: [],
    total_scaled: 0,
    total_failed: 0,
    rollback_performed: errors.length > 0,
    rollback_results: [],
    rollback_success_count: 0,
    rollback_failed_count: 0,
    originals: options.originals ?? [],
    errors,
    started_at: now,
    finished_at: now,
  };
}

export type FakeCall = {
  operation: OperationType;
  cluster: string;
  namespace: string;
  replicas?: number;
  options: WakeOptions;
};

/** What a fake operation does: succeed, fail (a result with errors) or throw. */
export type FakeBehaviour = 'succeed' | 'fail' | 'throw';

/** An engine for unit tests of one class: records calls, changes nothing. */
export class FakeEngine implements NamespaceOperations {
  readonly calls: FakeCall[] = [];
  behaviour: (call: FakeCall) => FakeBehaviour = () => 'succeed';

  async status(cluster: string, namespace: string): Promise<NamespaceStatus> {
    return {
      cluster,
      namespace,
      state: 'unknown',
      workloads: [],
      counts: { total: 0, awake: 0, asleep: 0, excluded: 0 },
      observedAt: new Date().toISOString(),
    };
  }

  sleep(cluster: string, namespace: string, options: WakeOptions = {}) {
    return this.run({ operation: 'sleep', cluster, namespace, options });
  }

  wake(cluster: string, namespace: string, options: WakeOptions = {}) {
    return this.run({ operation: 'wake', cluster, namespace, options });
  }

  scale(
    cluster: string,
    namespace: string,
    replicas: number,
    options: WakeOptions = {},
  ) {
    return this.run({
      operation: 'scale',
      cluster,
      namespace,
      replicas,
      options,
    });
  }

  private async run(call: FakeCall): Promise<OperationResult> {
    this.calls.push(call);
    const behaviour = this.behaviour(call);
    if (behaviour === 'throw') throw new Error('engine exploded');
    return operationResult(call, {
      dryRun: call.options.dryRun,
      errors: behaviour === 'fail' ? ['deployment/api: HTTP 500'] : [],
      originals:
        call.operation === 'sleep'
          ? [{ type: 'Deployment', name: 'api', value: 3 }]
          : [],
    });
  }
}
