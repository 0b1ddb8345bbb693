export * from './formatInstant';
export * from './NamespaceStateChip';
export * from './ProblemAlert';
export * from './useNamespacePermission';
export * from './WorkloadCounts';
export * from './CostCenterField';
export * from './browserTimeZone';
export * from './StatusText';
