import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { TeamCost } from '@namespace-scheduler/backstage-plugin-common';
import { CompactTable, moneyFormat } from '../common';
import { formatHours } from './hoursScale';

/**
 * The period's estimated cost and savings, in total and per namespace, as
 * the admin page's cost report prices them.
 */
export const CostSummary = ({ cost }: { cost: TeamCost }) => {
  const money = moneyFormat(cost.currency);
  const { totals, prices } = cost;
  const unpriced = cost.namespaces.filter(n => n.requests_error);
  return (
    <section aria-label="Estimated cost and savings" style={{ marginTop: 16 }}>
      <Typography>
        Awake {formatHours(totals.awake_hours)}: an estimated{' '}
        <strong>{money(totals.estimated_cost)}</strong>. Asleep{' '}
        {formatHours(totals.asleep_hours)}: an estimated{' '}
        <strong>{money(totals.estimated_savings)}</strong> saved.
      </Typography>
      <CompactTable
        label="Estimated cost and savings per namespace"
        headings={['Namespace', 'Awake', 'Cost', 'Asleep', 'Savings']}
      >
        {cost.namespaces.map(n => (
          <TableRow key={n.namespace}>
            <TableCell>{n.namespace}</TableCell>
            <TableCell>{formatHours(n.awake_hours)}</TableCell>
            <TableCell>{money(n.estimated_cost)}</TableCell>
            <TableCell>{formatHours(n.asleep_hours)}</TableCell>
            <TableCell>{money(n.estimated_savings)}</TableCell>
          </TableRow>
        ))}
      </CompactTable>
      <Typography variant="caption" color="textSecondary" component="p">
        At {money(prices.cpu_hour)} per CPU-hour and {money(prices.gib_hour)}{' '}
        per GiB-hour of the workloads' live requests, as the cost report prices
        them; savings are asleep hours after a recorded sleep.
        {unpriced.length > 0 &&
          ` The requests of ${unpriced
            .map(n => n.namespace)
            .join(', ')} could not be read: their hours are not priced.`}
      </Typography>
    </section>
  );
};
