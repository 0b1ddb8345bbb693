export * from './browserTimeZone';
export * from './CostCenterField';
export * from './formatInstant';
export * from './NamespaceStateChip';
export * from './ProblemAlert';
export * from './StatusText';
export * from './useNamespacePermission';
export * from './WorkloadCounts';
