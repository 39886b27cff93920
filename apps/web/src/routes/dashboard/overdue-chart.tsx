import { Alert, Card, Empty, Skeleton, theme } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { http, unwrap } from '../../api/client.js';
import { queryKeys } from '../../api/query-keys.js';
import { useErrorText } from '../../lib/errors.js';
import { useFormatDate } from '../../lib/use-format-date.js';

/** Days of history the chart shows. */
const DAYS = 90;

/**
 * Overdue (and open) obligations per day over the last 90 days, from the daily snapshots.
 * An SVG chart (recharts): no scripts or style elements of its own, so the CSP holds; the
 * figure carries a text summary for screen readers.
 */
export function OverdueChart({ today }: { today: string }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const from = dayjs(today)
    .subtract(DAYS - 1, 'day')
    .format('YYYY-MM-DD');
  const query = useQuery({
    queryKey: queryKeys.obligations.snapshots(from, today),
    queryFn: () => unwrap(http.GET('/api/v1/obligations/snapshots', { params: { query: { from, to: today } } })),
  });
  const items = query.data?.items ?? [];
  const first = items[0];
  const last = items[items.length - 1];
  const summary =
    first && last
      ? t('obligations.dashboard.chartSummary', {
          from: formatDate(first.day, false),
          to: formatDate(last.day, false),
          first: first.overdue,
          last: last.overdue,
          max: Math.max(...items.map((i) => i.overdue)),
        })
      : '';
  const overdueLabel = t('obligations.dashboard.chartOverdue');
  const openLabel = t('obligations.dashboard.chartOpen');
  return (
    <Card size="small" title={t('obligations.dashboard.chartTitle')} style={{ marginBottom: 24 }}>
      {query.isPending && <Skeleton active />}
      {query.isError && <Alert type="error" showIcon title={errorText(query.error)} />}
      {query.data && items.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('obligations.dashboard.chartEmpty')} />
      )}
      {items.length > 0 && (
        <figure style={{ margin: 0 }} data-testid="overdue-chart">
          <div role="img" aria-label={summary} style={{ width: '100%', height: 260 }}>
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={items} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" stroke={token.colorBorderSecondary} />
                <XAxis
                  dataKey="day"
                  tickFormatter={(day: string) => dayjs(day).format('M/D')}
                  tick={{ fontSize: 12 }}
                  minTickGap={24}
                />
                <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={40} />
                <Tooltip labelFormatter={(day) => formatDate(String(day), false)} />
                <Legend />
                <Line
                  type="monotone"
                  dataKey="overdue"
                  name={overdueLabel}
                  stroke={token.colorError}
                  strokeWidth={2}
                  dot={false}
                  isAnimationActive={false}
                />
                <Line
                  type="monotone"
                  dataKey="open"
                  name={openLabel}
                  stroke={token.colorPrimary}
                  strokeDasharray="4 3"
                  dot={false}
                  isAnimationActive={false}
                />
              </LineChart>
            </ResponsiveContainer>
          </div>
          <figcaption className="visually-hidden">{summary}</figcaption>
        </figure>
      )}
    </Card>
  );
}
