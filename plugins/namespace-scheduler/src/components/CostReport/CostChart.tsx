import { useTheme } from '@material-ui/core/styles';
import { CostReport } from '@namespace-scheduler/backstage-plugin-common';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

/** Estimated cost and savings per cost center, side by side. */
export const CostChart = ({
  report,
  money,
}: {
  report: CostReport;
  money: (value: number) => string;
}) => {
  const theme = useTheme();
  return (
    <figure
      aria-label="Estimated cost and savings per cost center"
      style={{ margin: 0, width: '100%', height: 300 }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={report.by_cost_center}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="cost_center" />
          <YAxis tickFormatter={money} width={80} />
          <Tooltip formatter={value => money(Number(value))} />
          <Legend />
          <Bar
            dataKey="estimated_cost"
            name="Estimated cost (awake)"
            fill={theme.palette.secondary.main}
          />
          <Bar
            dataKey="estimated_savings"
            name="Estimated savings (asleep)"
            fill={theme.palette.primary.main}
          />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
};
