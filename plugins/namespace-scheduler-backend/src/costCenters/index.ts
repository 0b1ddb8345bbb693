export type {
  CostCenterDirectory,
  CostCenterSource,
} from './CostCenterCatalog';
export { permissionOf } from './permissionOf';
export { KnexCostCenterPermissionStore } from './KnexCostCenterPermissionStore';
export { ValidCostCenters } from './ValidCostCenters';
export {
  assembleCostCenters,
  createCostCenters,
  type CostCenters,
} from './create';
