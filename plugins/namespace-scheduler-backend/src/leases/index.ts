export * from './OperationLeaseStore';
export { KnexOperationLeaseStore } from './KnexOperationLeaseStore';
export { NamespaceBusyError } from './describeLease';
export { LeaseStatus } from './LeaseStatus';
export { HeldLease } from './HeldLease';
export { NamespaceLeases } from './NamespaceLeases';
export { REPAIR_TASK_ID } from './RepairSweep';
export { type LeaseWait, waitingForLeases } from './waitForLease';
export { createLeases } from './create';
