import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ThroughputRow } from '../../api/kpis-api';
import { formatDate } from '../../components/format';
import { useI18n } from '../../i18n/i18n-context';
import { CHART_COLOURS } from './chart-colours';

/** Cases opened and closed per week. */
export function ThroughputChart({ data }: { data: ThroughputRow[] }) {
  const { t, locale } = useI18n();
  return (
    <ResponsiveContainer width="100%" height={280}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis
          dataKey="period"
          tick={{ fill: '#1f2937', fontSize: 12 }}
          tickFormatter={(period: string) => formatDate(period, locale)}
        />
        <YAxis tick={{ fill: '#1f2937', fontSize: 12 }} allowDecimals={false} />
        <Tooltip labelFormatter={(period) => formatDate(String(period), locale)} />
        <Legend />
        <Line
          dataKey="opened"
          name={t('ops.opened')}
          stroke={CHART_COLOURS.blue}
          strokeWidth={2}
          isAnimationActive={false}
        />
        <Line
          dataKey="closed"
          name={t('ops.closed')}
          stroke={CHART_COLOURS.teal}
          strokeWidth={2}
          strokeDasharray="6 3"
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
