export { OperationService } from './OperationService';
export {
  allowAllOperations,
  combineCapacities,
  combineGuards,
  type OperationCapacity,
  type OperationGuard,
  type OperationReservation,
} from './OperationGuard';
export type {
  OperationContext,
  OperationOutcome,
  OperationRequest,
} from './types';
export { createOperations } from './create';
