export { CostReportService } from './CostReportService';
export { readCostReportConfig } from './config';
