/**
 * Hours and money over a report's range; money in the report's currency.
 *
 * @public
 */
export type CostReportTotals = {
  awake_hours: number;
  /** Hours asleep after a recorded sleep: what the scheduler saved. */
  asleep_hours: number;
  /** Awake hours × the namespace's hourly price. */
  estimated_cost: number;
  /** Asleep hours × the namespace's hourly price. */
  estimated_savings: number;
};

/**
 * One namespace's hours charged to one cost center.
 *
 * @public
 */
export type CostReportLine = CostReportTotals & {
  cluster: string;
  namespace: string;
  cost_center: string;
  /** The owner Group of the entity claiming the namespace; absent when unclaimed. */
  team?: string;
  /** Requests of all replicas when awake (original replicas of sleeping workloads). */
  cpu_cores: number;
  memory_gib: number;
  hourly_price: number;
  /** Why the requests could not be read live: the line's money is then 0. */
  requests_error?: string;
};

/**
 * Awake hours and estimated savings per cost center and team, from the
 * activity log and the workloads' live resource requests.
 *
 * @public
 */
export type CostReport = {
  from: string;
  to: string;
  currency: string;
  prices: { cpu_hour: number; gib_hour: number };
  totals: CostReportTotals;
  by_cost_center: Array<CostReportTotals & { cost_center: string }>;
  /** `team` absent: namespaces no entity claims. */
  by_team: Array<CostReportTotals & { team?: string }>;
  lines: CostReportLine[];
};
