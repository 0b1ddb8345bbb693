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

/**
 * One namespace's hours and money on the entity tab.
 *
 * @public
 */
export type NamespaceCost = CostReportTotals & {
  /** `cluster/namespace`. */
  namespace: string;
  hourly_price: number;
  /** Why the requests could not be read live: its money is then 0. */
  requests_error?: string;
};

/**
 * The cost of a team's namespaces over the entity tab's awake-hours period,
 * priced as the cost report prices them (same prices, same intervals), the
 * present included: a namespace awake now without a recorded wake is awake
 * since the awake hours' `since`.
 *
 * @public
 */
export type TeamCost = {
  /** The period's start (ISO 8601). */
  from: string;
  /** Now (ISO 8601). */
  to: string;
  currency: string;
  prices: { cpu_hour: number; gib_hour: number };
  totals: CostReportTotals;
  /** Largest savings first. */
  namespaces: NamespaceCost[];
};

/**
 * What keeping a namespace awake (a wake, a wake until, a scale) would cost,
 * from its live requests at the cost report's prices.
 *
 * @public
 */
export type CostEstimate = {
  /** False when there is nothing to estimate with; `reason` says why. */
  available: boolean;
  reason?: 'prices-not-configured' | 'requests-unknown';
  currency?: string;
  cost_center?: string;
  /** What the namespace would request awake (at the scale's replicas). */
  cpu_cores?: number;
  memory_gib?: number;
  /** Price of one awake hour. */
  hourly_price?: number;
  /** With `until`: the hours from now until then and their estimated cost. */
  until?: string;
  hours?: number;
  estimated_cost?: number;
};
