export { CostReportService } from './CostReportService';
export { createCostReport } from './create';
