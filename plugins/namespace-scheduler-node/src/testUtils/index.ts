/**
 * Test utilities of the Namespace Scheduler's node library: the contract
 * suites a store a backend module sets must pass, run by Jest.
 *
 * @packageDocumentation
 */
export { describeActivityStoreContract } from './activityStoreContract';
export { describeCostCenterPermissionStoreContract } from './costCenterPermissionStoreContract';
export { mockOperationResult } from './mockOperationResult';
