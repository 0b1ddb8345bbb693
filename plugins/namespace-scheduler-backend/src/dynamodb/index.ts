export * from './config';
export { DynamoActivityStore } from './DynamoActivityStore';
export { DynamoCostCenterPermissionStore } from './DynamoCostCenterPermissionStore';
export { DynamoDbAccess, type DynamoDbAccessOptions } from './DynamoDbAccess';
export { ensureTables } from './ensureTables';
export { isWorthQueueing } from './errors';
export * from './tables';
