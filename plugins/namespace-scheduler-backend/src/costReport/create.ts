import type { Config } from '@backstage/config';
import { readCostReportConfig } from './config';
import { CostReportOptions, CostReportService } from './CostReportService';

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
