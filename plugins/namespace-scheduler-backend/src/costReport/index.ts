export { CostReportService } from './CostReportService';
export { createCostReport, createTeamCost } from './create';
export { TeamCostService, type TeamCostPeriod } from './TeamCostService';
export { linesOf, rounded } from './aggregate';
export { readConfiguredPrices, type CostReportPrices } from './config';
export { namespaceRequests } from './namespaceRequests';
