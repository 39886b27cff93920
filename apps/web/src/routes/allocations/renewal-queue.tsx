import { useState } from 'react';
import { Alert, Button, Segmented, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { can, RENEWAL_STATUSES, type AllocationRenewalQueueItem, type RenewalStatus } from '@custodian/shared';
import { useCurrentUser } from '../../auth/session-context.js';
import { useErrorText } from '../../lib/errors.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { usePagedQuery } from '../../lib/use-paged-query.js';
import { ApproveRenewalModal, RejectRenewalModal } from './allocation-action-modals.js';
import { PeriodText, useFormatDay } from './allocation-parts.js';
import { queryKeys } from '../../api/query-keys.js';
import { SearchBox } from '../../components/search-box.js';
import { useOrgName } from '../../lib/use-org-name.js';

type Filters = { status: RenewalStatus; q?: string };
type Deciding = { action: 'approve' | 'reject'; item: AllocationRenewalQueueItem } | null;

const STATUS_COLOURS: Record<RenewalStatus, string> = { pending: 'blue', approved: 'green', rejected: 'red' };

/**
 * Renewal requests: the Ministry's queue of pending requests with approve and reject, and
 * for everyone the requests of their own units and their outcome.
 */
export function RenewalQueue() {
  const { t } = useTranslation();
  const orgName = useOrgName();
  const user = useCurrentUser();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const formatDay = useFormatDay();
  const [deciding, setDeciding] = useState<Deciding>(null);
  const canDecide = can(user.role, 'allocation.approve');
  const { query, filters, setFilter, pagination } = usePagedQuery<'/api/v1/allocation-renewals', Filters>({
    key: queryKeys.allocations.renewals,
    path: '/api/v1/allocation-renewals',
    initialFilters: { status: 'pending' },
  });
  const isPending = filters.status === 'pending';

  const columns: TableColumnsType<AllocationRenewalQueueItem> = [
    {
      title: t('allocations.value'),
      key: 'value',
      width: 180,
      render: (_, r) => (
        <Link
          to={`/allocations/${r.allocationId}`}
          aria-label={t('allocations.viewDetail', { value: r.allocation.value })}
        >
          <Typography.Text code>{r.allocation.value}</Typography.Text>
        </Link>
      ),
    },
    {
      title: t('allocations.system'),
      key: 'system',
      width: 190,
      render: (_, r) => (
        <>
          <div>{r.allocation.systemName}</div>
          <Typography.Text type="secondary">{orgName(r.allocation.orgName, r.allocation.orgNameEn)}</Typography.Text>
        </>
      ),
    },
    {
      title: t('allocations.renewals.reason'),
      dataIndex: 'reason',
      width: 220,
      render: (_, r) => (
        <>
          <div>{r.reason ?? '—'}</div>
          <Typography.Text type="secondary">
            {r.requestedByName ?? '—'} · {formatDate(r.requestedAt)}
          </Typography.Text>
        </>
      ),
    },
    isPending
      ? {
          title: t('allocations.renewals.proposed'),
          key: 'proposed',
          width: 260,
          render: (_, r) => (
            <>
              <div>
                {r.proposedStartsOn && r.proposedExpiresOn ? (
                  <PeriodText startsOn={r.proposedStartsOn} expiresOn={r.proposedExpiresOn} />
                ) : (
                  '—'
                )}
              </div>
              <Typography.Text type="secondary">
                {t('allocations.renewals.currentExpiryOn', { date: formatDay(r.allocation.expiresOn) })}
              </Typography.Text>
            </>
          ),
        }
      : {
          title: t('allocations.renewals.note'),
          key: 'decision',
          width: 260,
          render: (_, r) => (
            <>
              <Tag color={STATUS_COLOURS[r.status]}>{t(`allocations.renewals.statuses.${r.status}`)}</Tag>
              {r.newStartsOn && r.newExpiresOn && <PeriodText startsOn={r.newStartsOn} expiresOn={r.newExpiresOn} />}
              <div>{r.decisionNote ?? ''}</div>
              <Typography.Text type="secondary">
                {r.decidedByName ?? '—'} · {formatDate(r.decidedAt)}
              </Typography.Text>
            </>
          ),
        },
  ];
  if (canDecide && isPending) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 180,
      fixed: 'right',
      render: (_, r) =>
        r.can.decide && (
          <Space size={4}>
            <Button
              size="small"
              type="primary"
              icon={<CheckOutlined />}
              onClick={() => setDeciding({ action: 'approve', item: r })}
              aria-label={t('allocations.renewals.approveNamed', { value: r.allocation.value })}
            >
              {t('allocations.renewals.approve')}
            </Button>
            <Button
              size="small"
              danger
              icon={<CloseOutlined />}
              onClick={() => setDeciding({ action: 'reject', item: r })}
              aria-label={t('allocations.renewals.rejectNamed', { value: r.allocation.value })}
            >
              {t('allocations.renewals.reject')}
            </Button>
          </Space>
        ),
    });
  }

  return (
    <>
      <div className="page-toolbar" role="search">
        <Segmented<RenewalStatus>
          aria-label={t('allocations.renewals.statusFilter')}
          value={filters.status}
          onChange={(value) => setFilter('status', value)}
          options={RENEWAL_STATUSES.map((s) => ({ value: s, label: t(`allocations.renewals.statuses.${s}`) }))}
        />
        <SearchBox
          aria-label={t('allocations.search')}
          placeholder={t('allocations.search')}
          allowClear
          onSearch={(value) => setFilter('q', value.trim() || undefined)}
          style={{ width: 260 }}
        />
      </div>
      {query.isError && <Alert type="error" showIcon title={errorText(query.error)} style={{ marginBottom: 16 }} />}
      <Table<AllocationRenewalQueueItem>
        rowKey="id"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        pagination={pagination}
        locale={{ emptyText: t('allocations.renewals.queueEmpty') }}
        scroll={{ x: 1050 }}
      />
      {deciding?.action === 'approve' && <ApproveRenewalModal item={deciding.item} onClose={() => setDeciding(null)} />}
      {deciding?.action === 'reject' && <RejectRenewalModal item={deciding.item} onClose={() => setDeciding(null)} />}
    </>
  );
}
