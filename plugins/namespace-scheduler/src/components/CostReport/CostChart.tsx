import { useTheme } from '@material-ui/core/styles';
import { CostReport } from '@namespace-scheduler/backstage-plugin-common';
import { Bar } from 'recharts';
import { BarChartFigure } from '../common';

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
    <BarChartFigure
      label="Estimated cost and savings per cost center"
      height={300}
      data={report.by_cost_center}
      xKey="cost_center"
      yAxis={{ tickFormatter: money, width: 80 }}
      format={money}
      bars={[
        <Bar
          key="cost"
          dataKey="estimated_cost"
          name="Estimated cost (awake)"
          fill={theme.palette.secondary.main}
        />,
        <Bar
          key="savings"
          dataKey="estimated_savings"
          name="Estimated savings (asleep)"
          fill={theme.palette.primary.main}
        />,
      ]}
    />
  );
};
