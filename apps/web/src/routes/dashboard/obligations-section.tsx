import { lazy, Suspense } from 'react';
import { Alert, Card, Col, Row, Skeleton, Table, Typography, type TableColumnsType } from 'antd';
import { ClockCircleOutlined, ExclamationCircleOutlined, ScheduleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ObligationCountRow, ObligationCounts } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { queryKeys } from '../../api/query-keys.js';
import { useErrorText } from '../../lib/errors.js';
import { useItemLabel } from '../obligations/obligation-parts.js';
import { StatCard } from './stat-card.js';
import { useOrgName } from '../../lib/use-org-name.js';

/** The chart library is loaded with the chart, not with the app's first page. */
const OverdueChart = lazy(() => import('./overdue-chart.js').then((m) => ({ default: m.OverdueChart })));

type Measure = keyof ObligationCountRow;
const MEASURES: readonly Measure[] = ['overdue', 'dueThisMonth', 'upcoming'];

/**
 * The list behind a number: the same filters the server counted with (see
 * ObligationCountRowSchema), so the list's total is the number (ADR 0011).
 */
export function obligationListHref(
  counts: Pick<ObligationCounts, 'today' | 'monthEnd'>,
  measure: Measure,
  extra: Record<string, string> = {},
): string {
  const params = new URLSearchParams({ tab: 'list' });
  if (measure === 'overdue') {
    params.set('state', 'overdue');
  } else if (measure === 'dueThisMonth') {
    params.set('state', 'open');
    params.set('from', counts.today);
    params.set('to', counts.monthEnd);
  } else {
    params.set('state', 'open');
    params.set('from', dayjs(counts.monthEnd).add(1, 'day').format('YYYY-MM-DD'));
  }
  for (const [key, value] of Object.entries(extra)) {
    params.set(key, value);
  }
  return `/calendar?${params.toString()}`;
}

type Row = ObligationCountRow & { key: string; label: string; filter: Record<string, string> };

function CountsTable(props: {
  title: string;
  labelTitle: string;
  rows: Row[];
  counts: Pick<ObligationCounts, 'today' | 'monthEnd'>;
}) {
  const { title, labelTitle, rows, counts } = props;
  const { t } = useTranslation();
  const cell = (measure: Measure) => (value: number, row: Row) => (
    <Link
      to={obligationListHref(counts, measure, row.filter)}
      aria-label={t('obligations.dashboard.countLink', {
        label: `${row.label} ${t(`obligations.dashboard.${measure}`)}`,
        count: value,
      })}
      className={measure === 'overdue' && value > 0 ? 'count-link count-danger' : 'count-link'}
    >
      {value}
    </Link>
  );
  const columns: TableColumnsType<Row> = [
    { title: labelTitle, dataIndex: 'label' },
    ...MEASURES.map((m) => ({
      title: t(`obligations.dashboard.${m}`),
      dataIndex: m,
      width: 110,
      align: 'right' as const,
      render: cell(m),
    })),
  ];
  return (
    <Card size="small" title={title} style={{ height: '100%' }}>
      <Table<Row>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('obligations.dashboard.noData') }}
      />
    </Card>
  );
}

/**
 * The compliance calendar on the dashboard (issue 13 part 6): overdue, due this month and
 * upcoming, in total, by unit and by item, every number a link to the list it counts;
 * and the overdue obligations over time from the daily snapshots.
 */
export function ObligationsSection({ showUnits }: { showUnits: boolean }) {
  const { t } = useTranslation();
  const orgName = useOrgName();
  const errorText = useErrorText();
  const itemLabel = useItemLabel();
  const query = useQuery({
    queryKey: queryKeys.obligations.counts,
    queryFn: () => unwrap(http.GET('/api/v1/obligations/counts')),
  });
  const heading = { fontSize: 16 };
  const counts = query.data;
  return (
    <section aria-labelledby="dashboard-obligations">
      <Typography.Title level={2} style={heading} id="dashboard-obligations">
        {t('obligations.dashboard.title')}
      </Typography.Title>
      {query.isPending && <Skeleton active />}
      {query.isError && <Alert type="error" showIcon title={errorText(query.error)} style={{ marginBottom: 24 }} />}
      {counts && (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <StatCard
              col={{ xs: 24, sm: 8 }}
              title={t('obligations.dashboard.overdue')}
              value={counts.totals.overdue}
              icon={<ExclamationCircleOutlined />}
              to={obligationListHref(counts, 'overdue')}
              tone="danger"
            />
            <StatCard
              col={{ xs: 24, sm: 8 }}
              title={t('obligations.dashboard.dueThisMonth')}
              value={counts.totals.dueThisMonth}
              icon={<ClockCircleOutlined />}
              to={obligationListHref(counts, 'dueThisMonth')}
              tone="warning"
            />
            <StatCard
              col={{ xs: 24, sm: 8 }}
              title={t('obligations.dashboard.upcoming')}
              value={counts.totals.upcoming}
              icon={<ScheduleOutlined />}
              to={obligationListHref(counts, 'upcoming')}
            />
          </Row>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            {showUnits && (
              <Col xs={24} xl={12}>
                <CountsTable
                  title={t('obligations.dashboard.byUnit')}
                  labelTitle={t('obligations.dashboard.unit')}
                  counts={counts}
                  rows={counts.byOrg.map((r) => ({
                    ...r,
                    key: r.orgId,
                    label: orgName(r.orgName, r.orgNameEn),
                    filter: { orgId: r.orgId },
                  }))}
                />
              </Col>
            )}
            <Col xs={24} xl={showUnits ? 12 : 24}>
              <CountsTable
                title={t('obligations.dashboard.byItem')}
                labelTitle={t('obligations.dashboard.item')}
                counts={counts}
                rows={counts.byItem.map((r) => ({
                  ...r,
                  key: r.item,
                  label: itemLabel(r.item),
                  filter: { item: r.item },
                }))}
              />
            </Col>
          </Row>
          <Suspense fallback={<Skeleton active />}>
            <OverdueChart today={counts.today} />
          </Suspense>
        </>
      )}
    </section>
  );
}
