export { CostReport } from './CostReport';
