export {
  OperationService,
  allowAllOperations,
  type OperationGuard,
  type OperationOutcome,
  type OperationRequest,
} from './OperationService';
