import { overrideEndedBy } from '@namespace-scheduler/backstage-plugin-common';
import type {
  OperationCapacity,
  OperationRequest,
  OperationReservation,
} from '../operations';
import { Clock, systemClock } from '../time/Clock';
import type { ScheduleRecords } from './ScheduleStore';

type EndingsDeps = {
  store: Pick<ScheduleRecords, 'endOverride' | 'reinstateOverride'>;
  clock: Clock;
};

const NOTHING_ENDED: OperationReservation = { settle: async () => {} };

/**
 * One rule for overrides, whatever runs the operation (a manual sleep, wake
 * or scale, a schedule run now, the off-hours boundary): an operation that
 * goes against the override holding the namespace ends it — completed, with
 * who and when — so it no longer says "held" nor holds back the namespace's
 * other schedules; one that agrees leaves it. Decided from the stored
 * schedules, under the namespace's operation lease (OperationService reserves
 * after taking it), never from what a client says. An operation that fails
 * changed nothing, so the override it ended holds again.
 */
export class OverrideEndings implements OperationCapacity {
  static create(
    deps: Omit<EndingsDeps, 'clock'> & { clock?: Clock },
  ): OverrideEndings {
    return new OverrideEndings({ ...deps, clock: deps.clock ?? systemClock });
  }

  private constructor(private readonly deps: EndingsDeps) {}

  async reserve(request: OperationRequest): Promise<OperationReservation> {
    const at = this.deps.clock.now();
    const ended = await this.deps.store.endOverride({
      cluster: request.cluster,
      namespace: request.namespace,
      at,
      by: request.requestedBy,
      ends: schedules => {
        const { operation, scheduleId } = request;
        const holder = overrideEndedBy(schedules, operation, +at, scheduleId);
        return schedules.find(schedule => schedule.id === holder?.id);
      },
    });
    if (!ended) return NOTHING_ENDED;
    return {
      settle: async result => {
        if (!result.success) await this.deps.store.reinstateOverride(ended, at);
      },
    };
  }
}
