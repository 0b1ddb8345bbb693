export * from './NamespaceStateChip';
export * from './WorkloadCounts';
