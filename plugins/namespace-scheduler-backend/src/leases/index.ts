export * from './OperationLeaseStore';
export { KnexOperationLeaseStore } from './KnexOperationLeaseStore';
export { NamespaceBusyError } from './describeLease';
export { instanceId } from './instanceId';
export { LeaseStatus } from './LeaseStatus';
export { HeldLease } from './HeldLease';
export { NamespaceLeases } from './NamespaceLeases';
export {
  DEFAULT_REPAIR_SCHEDULE,
  REPAIR_TASK_ID,
  RepairSweep,
  type SweepSummary,
} from './RepairSweep';
export { type LeaseWait, waitingForLeases } from './waitForLease';
