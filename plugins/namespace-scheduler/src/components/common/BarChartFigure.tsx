import { ComponentProps, ReactNode } from 'react';
import {
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

/**
 * A labelled figure holding a bar chart as wide as its container, with grid,
 * tooltip and legend; `bars` are the chart's Bar elements, `children` what the
 * figure holds besides the chart (a table for screen readers).
 */
export const BarChartFigure = ({
  label,
  height,
  data,
  xKey,
  yAxis,
  format,
  bars,
  children,
}: {
  label: string;
  height: number;
  data: object[];
  /** The field of `data` along the x axis. */
  xKey: string;
  yAxis: Pick<
    ComponentProps<typeof YAxis>,
    'unit' | 'tickFormatter' | 'width' | 'ticks' | 'domain'
  >;
  /** How the tooltip shows a value. */
  format: (value: number) => string;
  bars: ReactNode;
  children?: ReactNode;
}) => (
  <figure aria-label={label} style={{ margin: 0, width: '100%', height }}>
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey={xKey} />
        <YAxis {...yAxis} />
        <Tooltip formatter={value => format(Number(value))} />
        <Legend />
        {bars}
      </BarChart>
    </ResponsiveContainer>
    {children}
  </figure>
);
