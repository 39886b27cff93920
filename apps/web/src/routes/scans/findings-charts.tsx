import { Alert, Card, Col, Descriptions, Row, Skeleton, theme } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { http, unwrap } from '../../api/client.js';
import { queryKeys } from '../../api/query-keys.js';
import { useErrorText } from '../../lib/errors.js';

const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

/**
 * Open findings by severity at the end of each of the last twelve months, and the mean days
 * to remediate, for one system or the whole scope. An SVG chart (recharts), with a text
 * summary for screen readers.
 */
export function FindingsCharts(props: { systemId?: string }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const errorText = useErrorText();
  const query = useQuery({
    queryKey: queryKeys.scans.stats(props.systemId),
    queryFn: () =>
      unwrap(http.GET('/api/v1/scans/stats', { params: { query: { systemId: props.systemId, months: 12 } } })),
  });
  const stats = query.data;
  const colours = {
    critical: token.magenta6,
    high: token.colorError,
    medium: token.colorWarning,
    low: token.gold6,
  } as const;
  const last = stats?.months[stats.months.length - 1];
  const summary = last
    ? t('findings.charts.summary', {
        critical: last.critical,
        high: last.high,
        medium: last.medium,
        low: last.low,
        from: stats.months[0]?.month ?? '',
        to: last.month,
      })
    : '';
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={16}>
        <Card size="small" title={t('findings.charts.openTitle')}>
          {query.isPending && <Skeleton active />}
          {query.isError && <Alert type="error" showIcon title={errorText(query.error)} />}
          {stats && (
            <figure style={{ margin: 0 }} data-testid="findings-chart">
              <div role="img" aria-label={summary} style={{ width: '100%', height: 260 }}>
                <ResponsiveContainer width="100%" height="100%">
                  <LineChart data={stats.months} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
                    <CartesianGrid strokeDasharray="3 3" stroke={token.colorBorderSecondary} />
                    <XAxis dataKey="month" tick={{ fontSize: 12 }} minTickGap={16} />
                    <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={40} />
                    <Tooltip />
                    <Legend />
                    {SEVERITIES.map((s) => (
                      <Line
                        key={s}
                        type="monotone"
                        dataKey={s}
                        name={t(`scans.severities.${s}`)}
                        stroke={colours[s]}
                        strokeWidth={2}
                        dot={false}
                        isAnimationActive={false}
                      />
                    ))}
                  </LineChart>
                </ResponsiveContainer>
              </div>
              <figcaption className="visually-hidden">{summary}</figcaption>
            </figure>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card size="small" title={t('findings.charts.mttrTitle')}>
          {stats && (
            <Descriptions
              size="small"
              column={1}
              items={[
                ...SEVERITIES.map((s) => ({
                  key: s,
                  label: t(`scans.severities.${s}`),
                  children:
                    stats.meanDaysToRemediate[s] === null
                      ? '—'
                      : t('findings.charts.days', { count: stats.meanDaysToRemediate[s] ?? 0 }),
                })),
                { key: 'basis', label: t('findings.charts.basis'), children: stats.fixedCount },
              ]}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}
