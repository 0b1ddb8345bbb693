import type { Config } from '@backstage/config';
import { readConfiguredPrices, readCostReportConfig } from './config';
import { CostReportOptions, CostReportService } from './CostReportService';
import { TeamCostService } from './TeamCostService';

type CostDeps = Pick<CostReportOptions, 'activities' | 'statusReader'> & {
  config: Config;
};

/** The cost report, priced by `namespaceScheduler.costReport`. */
export function createCostReport(
  deps: Omit<CostReportOptions, 'prices'> & { config: Config },
): CostReportService {
  const { config, ...options } = deps;
  return CostReportService.create({
    ...options,
    prices: readCostReportConfig(config),
  });
}

/** The entity tab's cost, only at prices the platform team configured. */
export function createTeamCost(deps: CostDeps): TeamCostService {
  return TeamCostService.create({
    ...deps,
    prices: readConfiguredPrices(deps.config),
  });
}
