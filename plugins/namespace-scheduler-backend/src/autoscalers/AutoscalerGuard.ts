import { InputError } from '@backstage/errors';
import { autoscalerProblem } from '@namespace-scheduler/backstage-plugin-common';
import type { NamespaceOperations } from '../engine';
import type { OperationGuard, OperationRequest } from '../operations';
import type { ScheduleCandidate, ScheduleSaveGuard } from '../schedules';

/**
 * Refuses (400, naming `replicas`, the HPA and its target) a scale, or the
 * save of a scale schedule, whose target lies outside the bounds of an HPA of
 * the namespace: the HPA would undo it. The engine's planner refuses the same
 * (a scheduled run that the HPAs no longer allow fails with this message).
 */
export class AutoscalerGuard implements OperationGuard, ScheduleSaveGuard {
  static create(options: {
    status: Pick<NamespaceOperations, 'status'>;
  }): AutoscalerGuard {
    return new AutoscalerGuard(options.status);
  }

  private constructor(
    private readonly status: Pick<NamespaceOperations, 'status'>,
  ) {}

  async assertAllowed(request: OperationRequest): Promise<void> {
    if (request.operation !== 'scale') return;
    await this.assertWithin(request, request.replicas);
  }

  async save<T>(
    candidate: ScheduleCandidate,
    write: () => Promise<T>,
  ): Promise<T> {
    const { input } = candidate;
    if (
      input.kind === 'cron' &&
      input.operation === 'scale' &&
      input.replicas !== undefined
    ) {
      await this.assertWithin(input, input.replicas);
    }
    return write();
  }

  private async assertWithin(
    where: { cluster: string; namespace: string },
    replicas: number,
  ): Promise<void> {
    // A scale to 0 is a sleep, which lowers the HPAs itself.
    if (replicas === 0) return;
    const status = await this.status.status(where.cluster, where.namespace);
    const problem = autoscalerProblem(status.autoscalers ?? [], replicas);
    if (problem) throw new InputError(`replicas: ${problem}`);
  }
}
