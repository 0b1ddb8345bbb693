export {
  OperationService,
  allowAllOperations,
  combineGuards,
  type OperationCapacity,
  type OperationGuard,
  type OperationReservation,
  type OperationOutcome,
  type OperationRequest,
} from './OperationService';
