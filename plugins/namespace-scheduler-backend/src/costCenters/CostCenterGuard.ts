import { OperationGuard, OperationRequest } from '../operations';
import { ScheduleCandidate, ScheduleSaveGuard } from '../schedules';
import { CostCenterService } from './CostCenterService';

/**
 * Refuses (403) every operation and schedule save whose cost center is not
 * valid for the namespace, not authorized, or not the user's to charge.
 * Scheduled runs are charged on behalf of the schedule's creator.
 */
export class CostCenterGuard implements OperationGuard, ScheduleSaveGuard {
  static create(options: {
    costCenters: Pick<CostCenterService, 'assertChargeable'>;
  }): CostCenterGuard {
    return new CostCenterGuard(options.costCenters);
  }

  private constructor(
    private readonly costCenters: Pick<CostCenterService, 'assertChargeable'>,
  ) {}

  assertAllowed(request: OperationRequest): Promise<void> {
    return this.costCenters.assertChargeable({
      cluster: request.cluster,
      namespace: request.namespace,
      costCenter: request.costCenter,
      user: request.userId ?? request.requestedBy,
    });
  }

  async save<T>(
    candidate: ScheduleCandidate,
    write: () => Promise<T>,
  ): Promise<T> {
    const { input } = candidate;
    await this.costCenters.assertChargeable({
      cluster: input.cluster,
      namespace: input.namespace,
      costCenter: input.cost_center,
      user: candidate.savedBy,
    });
    return write();
  }
}
