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

export interface BarSeries {
  key: string;
  label: string;
  colour: string;
}

interface Props {
  data: object[];
  category: string;
  series: BarSeries[];
  stacked?: boolean;
  unit?: string;
  max?: number;
}

/** Bars per category, one or more (stacked) series; every dashboard bar chart is one of these. */
export function BarChartView({ data, category, series, stacked, unit, max }: Props) {
  return (
    <ResponsiveContainer width="100%" height={280}>
      <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey={category} tick={{ fill: '#1f2937', fontSize: 12 }} interval={0} />
        <YAxis
          tick={{ fill: '#1f2937', fontSize: 12 }}
          unit={unit}
          domain={max ? [0, max] : undefined}
          allowDecimals={false}
        />
        <Tooltip />
        {series.length > 1 && <Legend />}
        {series.map((item) => (
          <Bar
            key={item.key}
            dataKey={item.key}
            name={item.label}
            fill={item.colour}
            stackId={stacked ? 'stack' : undefined}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
