import { OperationResult } from '@namespace-scheduler/backstage-plugin-common';
import type { OperationRequest } from './types';

/**
 * Decides whether an operation may happen at all; throw (e.g. NotAllowedError
 * or ConflictError) to refuse it. Cost-center and off-hours governance plug
 * in here. Refused operations change nothing and record nothing.
 */
export interface OperationGuard {
  assertAllowed(request: OperationRequest): Promise<void>;
}

export const allowAllOperations: OperationGuard = {
  assertAllowed: async () => {},
};

/** Asks each guard in turn; the first refusal wins. */
export function combineGuards(...guards: OperationGuard[]): OperationGuard {
  return {
    assertAllowed: async request => {
      for (const guard of guards) await guard.assertAllowed(request);
    },
  };
}

/** What an operation holds while it runs, settled with its result. */
export interface OperationReservation {
  /** Who authorized what was reserved (recorded as the activity's approved_by). */
  approvedBy?: string;
  settle(result: OperationResult): Promise<void>;
}

/**
 * Capacity an operation needs (the off-hours slots): `reserve` claims it
 * atomically before the engine runs (throw, e.g. ConflictError, to refuse),
 * and the reservation is settled with the engine's result. Not asked for dry
 * runs or by `check`.
 */
export interface OperationCapacity {
  reserve(request: OperationRequest): Promise<OperationReservation>;
}

/**
 * Reserves with each in turn, settling each with the result. One that throws
 * refuses the operation: put the ones that may refuse first.
 */
export function combineCapacities(
  ...capacities: OperationCapacity[]
): OperationCapacity {
  return {
    reserve: async request => {
      const reservations: OperationReservation[] = [];
      for (const capacity of capacities)
        reservations.push(await capacity.reserve(request));
      return {
        approvedBy: reservations.find(r => r.approvedBy)?.approvedBy,
        settle: async result => {
          for (const reservation of reservations)
            await reservation.settle(result);
        },
      };
    },
  };
}
