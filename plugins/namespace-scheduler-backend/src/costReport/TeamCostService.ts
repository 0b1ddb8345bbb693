import {
  CostReportLine,
  formatNamespaceRef,
  TeamCost,
} from '@namespace-scheduler/backstage-plugin-common';
import { ActivityStore } from '@namespace-scheduler/backstage-plugin-node';
import { NamespaceStatusReader } from '../namespaces/NamespaceStatusService';
import { groupBy, linesOf, totalOf } from './aggregate';
import { awakeSince, chargedIntervals } from './chargedIntervals';
import { ChargedTimeReader } from './ChargedTimeReader';
import { CostReportPrices } from './config';

type NamespaceRef = { cluster: string; namespace: string };

export type TeamCostPeriod = {
  from: Date;
  to: Date;
  /**
   * Per `cluster/namespace`: awake since then by the live cluster without
   * an open wake record (the awake hours' `unrecorded`).
   */
  awakeSince: ReadonlyMap<string, number>;
};

/**
 * The entity tab's money: the cost report's lines (same prices, same
 * charged intervals) of a team's namespaces over the awake hours' period,
 * with the present counted as the awake hours count it. Without configured
 * prices there is none.
 */
export class TeamCostService {
  static create(options: {
    activities: ActivityStore;
    statusReader: NamespaceStatusReader;
    /** Absent when the platform team set none. */
    prices?: CostReportPrices;
  }) {
    return new TeamCostService(
      ChargedTimeReader.create(options),
      options.prices,
    );
  }

  private constructor(
    private readonly charged: ChargedTimeReader,
    private readonly prices: CostReportPrices | undefined,
  ) {}

  async cost(
    namespaces: NamespaceRef[],
    period: TeamCostPeriod,
  ): Promise<TeamCost | undefined> {
    const prices = this.prices;
    if (!prices) return undefined;
    const lines = (
      await Promise.all(
        namespaces.map(ref => this.linesOf(ref, period, prices)),
      )
    ).flat();
    const { cpuHour, gibHour, currency } = prices;
    return {
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      currency,
      prices: { cpu_hour: cpuHour, gib_hour: gibHour },
      totals: totalOf(lines),
      namespaces: groupBy(lines, formatNamespaceRef).map(([key, totals]) => {
        const line = lines.find(l => formatNamespaceRef(l) === key);
        return {
          namespace: key,
          ...totals,
          hourly_price: line?.hourly_price ?? 0,
          ...(line?.requests_error && { requests_error: line.requests_error }),
        };
      }),
    };
  }

  /** One namespace's lines, one per cost center, unrounded so they add up. */
  private async linesOf(
    ref: NamespaceRef,
    period: TeamCostPeriod,
    prices: CostReportPrices,
  ): Promise<CostReportLine[]> {
    const { from, to } = period;
    const window = { from: from.getTime(), to: to.getTime() };
    const [before, within, requests] = await Promise.all([
      this.charged.lastBefore(ref, from),
      this.charged.succeededRecords({ ...ref, from, to }),
      this.charged.requestsOf(ref),
    ]);
    const recorded = chargedIntervals(before, within, window);
    const since = period.awakeSince.get(formatNamespaceRef(ref));
    const intervals =
      since === undefined ? recorded : awakeSince(recorded, since, window.to);
    return linesOf({ ...ref, requests, intervals }, prices);
  }
}
