export { CostCenterPermissions } from './CostCenterPermissions';
