export { OperationService } from './OperationService';
export {
  allowAllOperations,
  combineGuards,
  type OperationCapacity,
  type OperationGuard,
  type OperationReservation,
} from './OperationGuard';
export type { OperationOutcome, OperationRequest } from './types';
