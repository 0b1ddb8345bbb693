export {
  CostCenterCatalog,
  type CostCenterDirectory,
  type CostCenterSource,
} from './CostCenterCatalog';
export { CostCenterGuard } from './CostCenterGuard';
export * from './CostCenterPermissionStore';
export {
  CostCenterService,
  type Charge,
  type PermissionInput,
} from './CostCenterService';
export { KnexCostCenterPermissionStore } from './KnexCostCenterPermissionStore';
export { readCostCenterConfig, type CostCenterSettings } from './config';
