import {
  CostReportLine,
  CostReportTotals,
} from '@namespace-scheduler/backstage-plugin-common';
import { ChargedInterval } from './chargedIntervals';
import { CostReportPrices } from './config';
import { NamespaceRequests } from './namespaceRequests';

const HOUR_MS = 3_600_000;

/** What the lines of one namespace need to know about it. */
export type PricedNamespace = {
  cluster: string;
  namespace: string;
  team?: string;
  requests: NamespaceRequests | { error: string };
  intervals: ChargedInterval[];
};

const ZERO: CostReportTotals = {
  awake_hours: 0,
  asleep_hours: 0,
  estimated_cost: 0,
  estimated_savings: 0,
};

/** Sums without rounding; `rounded` rounds once at the end, so parts add up to totals. */
function add(a: CostReportTotals, b: CostReportTotals): CostReportTotals {
  return {
    awake_hours: a.awake_hours + b.awake_hours,
    asleep_hours: a.asleep_hours + b.asleep_hours,
    estimated_cost: a.estimated_cost + b.estimated_cost,
    estimated_savings: a.estimated_savings + b.estimated_savings,
  };
}

const round2 = (value: number) => Math.round(value * 100) / 100;

export function rounded<T extends CostReportTotals>(totals: T): T {
  return {
    ...totals,
    awake_hours: round2(totals.awake_hours),
    asleep_hours: round2(totals.asleep_hours),
    estimated_cost: round2(totals.estimated_cost),
    estimated_savings: round2(totals.estimated_savings),
  };
}

/** One line per cost center the namespace's time was charged to. */
export function linesOf(
  item: PricedNamespace,
  prices: CostReportPrices,
): CostReportLine[] {
  const known = 'error' in item.requests ? undefined : item.requests;
  const hourly = known
    ? known.cpuCores * prices.cpuHour + known.memoryGib * prices.gibHour
    : 0;
  const byCostCenter = new Map<string, CostReportTotals>();
  for (const interval of item.intervals) {
    const hours = (interval.end - interval.start) / HOUR_MS;
    const part = interval.awake
      ? { ...ZERO, awake_hours: hours, estimated_cost: hours * hourly }
      : { ...ZERO, asleep_hours: hours, estimated_savings: hours * hourly };
    const sum = byCostCenter.get(interval.costCenter) ?? ZERO;
    byCostCenter.set(interval.costCenter, add(sum, part));
  }
  return [...byCostCenter].map(([costCenter, totals]) => ({
    ...totals,
    cluster: item.cluster,
    namespace: item.namespace,
    cost_center: costCenter,
    ...(item.team && { team: item.team }),
    cpu_cores: known?.cpuCores ?? 0,
    memory_gib: known?.memoryGib ?? 0,
    // Hourly prices of small namespaces are fractions of a cent.
    hourly_price: Math.round(hourly * 10_000) / 10_000,
    ...('error' in item.requests && { requests_error: item.requests.error }),
  }));
}

/** Totals of the lines grouped by `keyOf`, largest savings first. */
export function groupBy<K extends string | undefined>(
  lines: CostReportLine[],
  keyOf: (line: CostReportLine) => K,
): Array<[K, CostReportTotals]> {
  const groups = new Map<K, CostReportTotals>();
  for (const line of lines) {
    groups.set(keyOf(line), add(groups.get(keyOf(line)) ?? ZERO, line));
  }
  return [...groups]
    .map(([key, totals]): [K, CostReportTotals] => [key, rounded(totals)])
    .sort((a, b) => b[1].estimated_savings - a[1].estimated_savings);
}

export function totalOf(lines: CostReportLine[]): CostReportTotals {
  return rounded(lines.reduce<CostReportTotals>(add, ZERO));
}
