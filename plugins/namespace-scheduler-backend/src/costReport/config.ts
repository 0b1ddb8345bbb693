import { Config } from '@backstage/config';

/** Prices of the cost report (namespaceScheduler.costReport in config.d.ts). */
export type CostReportPrices = {
  cpuHour: number;
  gibHour: number;
  currency: string;
};

/** Roughly on-demand cloud prices, so a report shows plausible money before anyone sets theirs. */
export const DEFAULT_PRICES: CostReportPrices = {
  cpuHour: 0.04,
  gibHour: 0.005,
  currency: 'USD',
};

export function readCostReportConfig(config: Config): CostReportPrices {
  const prices = config.getOptionalConfig('namespaceScheduler.costReport');
  return {
    cpuHour:
      prices?.getOptionalNumber('prices.cpuHour') ?? DEFAULT_PRICES.cpuHour,
    gibHour:
      prices?.getOptionalNumber('prices.gibHour') ?? DEFAULT_PRICES.gibHour,
    currency: prices?.getOptionalString('currency') ?? DEFAULT_PRICES.currency,
  };
}

/**
 * The prices when the platform team set them, else undefined: the entity
 * tab and the operation dialogs show no money rather than the defaults' guess.
 */
export function readConfiguredPrices(
  config: Config,
): CostReportPrices | undefined {
  const configured = config.has('namespaceScheduler.costReport.prices');
  return configured ? readCostReportConfig(config) : undefined;
}
