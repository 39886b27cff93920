import { Alert, Button, Card, Descriptions, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { AllocationRenewal, RenewalStatus } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { PageTitle } from '../../components/page-title.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { AllocationActions } from './allocation-actions.js';
import { ExpiryTag, PendingRenewalTag, PeriodText, useFormatDay } from './allocation-parts.js';
import { RecordFallback } from '../../components/record-fallback.js';
import { queryKeys } from '../../api/query-keys.js';
import { useOrgName } from '../../lib/use-org-name.js';

const STATUS_COLOURS: Record<RenewalStatus, string> = { pending: 'blue', approved: 'green', rejected: 'red' };

/** One allocation: its period, rule version, release and renewal history. */
export function AllocationDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const orgName = useOrgName();
  const navigate = useNavigate();
  const formatDate = useFormatDate();
  const formatDay = useFormatDay();
  const query = useQuery({
    queryKey: queryKeys.allocations.detail(id),
    queryFn: () => unwrap(http.GET('/api/v1/allocations/{id}', { params: { path: { id } } })),
  });
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/allocations')}>
      {t('allocations.back')}
    </Button>
  );
  if (!query.isSuccess) {
    return <RecordFallback query={query} notFound={t('allocations.notFound')} back={back} />;
  }
  const a = query.data;
  const renewalColumns: TableColumnsType<AllocationRenewal> = [
    {
      title: t('allocations.renewals.requestedAt'),
      dataIndex: 'requestedAt',
      width: 170,
      render: (v: string) => formatDate(v),
    },
    {
      title: t('allocations.renewals.requestedBy'),
      dataIndex: 'requestedByName',
      width: 110,
      render: (v: string | null) => v ?? '—',
    },
    { title: t('allocations.renewals.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
    {
      title: t('allocations.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: RenewalStatus) => <Tag color={STATUS_COLOURS[s]}>{t(`allocations.renewals.statuses.${s}`)}</Tag>,
    },
    {
      title: t('allocations.renewals.newPeriod'),
      key: 'period',
      width: 250,
      render: (_, r) =>
        r.newStartsOn && r.newExpiresOn ? <PeriodText startsOn={r.newStartsOn} expiresOn={r.newExpiresOn} /> : '—',
    },
    {
      title: t('allocations.renewals.note'),
      key: 'decision',
      width: 210,
      render: (_, r) =>
        r.decidedAt ? (
          <>
            <div>{r.decisionNote ?? '—'}</div>
            <Typography.Text type="secondary">
              {r.decidedByName ?? '—'} · {formatDate(r.decidedAt)}
            </Typography.Text>
          </>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <>
      <PageTitle
        title={t('allocations.detailNamed', { value: a.value })}
        extra={
          <Space wrap>
            <AllocationActions allocation={a} size="middle" />
            {back}
          </Space>
        }
      />
      {a.status === 'released' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('allocations.releasedWithReason', { reason: a.releaseReason ?? '—' })}
        />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
          <Descriptions.Item label={t('allocations.value')}>
            <Typography.Text code copyable>
              {a.value}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('allocations.kind')}>{t(`allocations.kinds.${a.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('allocations.system')}>
            <Link to={`/systems/${a.systemId}`}>{a.systemName}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('allocations.unit')}>{orgName(a.orgName, a.orgNameEn)}</Descriptions.Item>
          <Descriptions.Item label={t('allocations.period')}>
            <PeriodText startsOn={a.startsOn} expiresOn={a.expiresOn} />
          </Descriptions.Item>
          <Descriptions.Item label={t('allocations.status')}>
            <span data-testid="allocation-status">
              <ExpiryTag allocation={a} />
              <PendingRenewalTag allocation={a} />
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('allocations.expiresOn')}>
            <span data-testid="allocation-expires-on">{formatDay(a.expiresOn)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('allocations.policy')}>
            {t('allocations.policyVersion', { version: a.policyVersion, years: a.maxYears })}
          </Descriptions.Item>
          {a.releasedAt && (
            <Descriptions.Item label={t('allocations.releasedAt')}>{formatDate(a.releasedAt)}</Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card
        title={
          <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
            {t('allocations.renewals.title')}
          </Typography.Title>
        }
      >
        <Table<AllocationRenewal>
          rowKey="id"
          columns={renewalColumns}
          dataSource={a.renewals}
          pagination={false}
          locale={{ emptyText: t('allocations.renewals.empty') }}
          scroll={{ x: 1000 }}
        />
      </Card>
    </>
  );
}
