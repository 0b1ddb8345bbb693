export { EndedOverrideNotice } from './EndedOverrideNotice';
export { NamespaceActions } from './NamespaceActions';
export { OperationDialog } from './OperationDialog';
export { OperationResultView } from './OperationResultView';
export type { OperationTarget } from './types';
