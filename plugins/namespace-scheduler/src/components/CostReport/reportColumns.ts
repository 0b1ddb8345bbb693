import { TableColumn } from '@backstage/core-components';
import {
  CostReportLine,
  CostReportTotals,
  formatNamespaceRef,
} from '@namespace-scheduler/backstage-plugin-common';

type Money = (value: number) => string;

/** The hours and money columns every table of the report shares. */
export function totalsColumns<T extends CostReportTotals>(
  money: Money,
): TableColumn<T>[] {
  return [
    { title: 'Awake hours', field: 'awake_hours', type: 'numeric' },
    { title: 'Asleep hours', field: 'asleep_hours', type: 'numeric' },
    {
      title: 'Estimated cost',
      type: 'numeric',
      render: row => money(row.estimated_cost),
    },
    {
      title: 'Estimated savings',
      type: 'numeric',
      render: row => money(row.estimated_savings),
    },
  ];
}

export function lineColumns(money: Money): TableColumn<CostReportLine>[] {
  return [
    { title: 'Namespace', render: l => formatNamespaceRef(l) },
    { title: 'Cost center', field: 'cost_center' },
    { title: 'Team', render: l => l.team ?? 'Unclaimed' },
    {
      title: 'Requests',
      render: l =>
        l.requests_error
          ? `Unknown: ${l.requests_error}`
          : `${l.cpu_cores} CPU, ${l.memory_gib.toFixed(2)} GiB`,
    },
    ...totalsColumns<CostReportLine>(money),
  ];
}
