import { OperationGuard, OperationRequest } from '../operations';
import { ScheduleCandidate, ScheduleSaveGuard } from '../schedules';
import { Charge, CostCenterAuthorization } from './CostCenterAuthorization';
import { scheduleStopsCharging, stopsCharging } from './stopsCharging';

/**
 * Refuses (403) every operation and schedule save whose cost center is not
 * valid for the namespace; those that start or keep charges also need it
 * authorized and the user's to charge (see `stopsCharging`). Scheduled runs
 * are charged on behalf of the schedule's creator.
 */
export class CostCenterGuard implements OperationGuard, ScheduleSaveGuard {
  static create(options: {
    authorization: Pick<
      CostCenterAuthorization,
      'assertChargeable' | 'assertValid'
    >;
  }): CostCenterGuard {
    return new CostCenterGuard(options.authorization);
  }

  private constructor(
    private readonly authorization: Pick<
      CostCenterAuthorization,
      'assertChargeable' | 'assertValid'
    >,
  ) {}

  assertAllowed(request: OperationRequest): Promise<void> {
    return this.assert(stopsCharging(request), {
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
    // An override runs at once, and its operation checks the cost center
    // (a refused run withdraws it): checked once, there.
    if (input.kind === 'override') return write();
    await this.assert(scheduleStopsCharging(input), {
      cluster: input.cluster,
      namespace: input.namespace,
      costCenter: input.cost_center,
      user: candidate.savedBy,
    });
    return write();
  }

  private assert(stops: boolean, charge: Charge): Promise<void> {
    return stops
      ? this.authorization.assertValid(charge)
      : this.authorization.assertChargeable(charge);
  }
}
