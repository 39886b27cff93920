import { App, Button, Popconfirm, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { OUTBOX_STATUSES, type OutboxMessage, type OutboxStatus } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { listKey, queryKeys } from '../../api/query-keys.js';
import { PageTitle } from '../../components/page-title.js';
import { useErrorText } from '../../lib/errors.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { usePagedQuery } from '../../lib/use-paged-query.js';
import { SmtpMissingAlert } from './smtp-missing-alert.js';
import { ListError, listEmptyText } from '../../components/list-state.js';

const STATUS_COLOURS: Record<OutboxStatus, string> = {
  pending: 'gold',
  sending: 'processing',
  sent: 'green',
  failed: 'red',
};

type Filters = { status: OutboxStatus | undefined };

/**
 * The mail outbox (holders of `outbox.manage`): every message with its delivery state, failed ones with
 * a resend button, and a banner while no mail server is configured.
 */
export function OutboxPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const { query, filters, setFilter, pagination } = usePagedQuery<'/api/v1/outbox', Filters>({
    key: queryKeys.outbox.list,
    path: '/api/v1/outbox',
    initialFilters: { status: undefined },
    urlFilters: ['status'],
  });

  const resend = async (id: string) => {
    try {
      await unwrap(http.POST('/api/v1/outbox/{id}/resend', { params: { path: { id } } }));
      void message.success(t('notifications.outbox.resent'));
      await queryClient.invalidateQueries({ queryKey: listKey(queryKeys.outbox.list) });
    } catch (error) {
      void message.error(errorText(error));
    }
  };

  const columns: TableColumnsType<OutboxMessage> = [
    {
      title: t('notifications.outbox.createdAt'),
      dataIndex: 'createdAt',
      width: 190,
      render: (v: string) => formatDate(v),
    },
    {
      title: t('notifications.outbox.recipient'),
      key: 'recipient',
      width: 220,
      render: (_, m) => (
        <>
          <div>{m.recipientName ?? '—'}</div>
          <Typography.Text type="secondary">{m.to}</Typography.Text>
        </>
      ),
    },
    {
      title: t('notifications.outbox.subject'),
      key: 'subject',
      render: (_, m) => (
        <>
          <div>{m.subject}</div>
          <Typography.Text type="secondary">
            {t(`notifications.kinds.${m.kind}`, { defaultValue: m.kind })}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('notifications.outbox.status'),
      dataIndex: 'status',
      width: 110,
      render: (v: OutboxStatus) => <Tag color={STATUS_COLOURS[v]}>{t(`notifications.outbox.statuses.${v}`)}</Tag>,
    },
    { title: t('notifications.outbox.attempts'), dataIndex: 'attempts', width: 100, align: 'right' },
    {
      title: t('notifications.outbox.sentAt'),
      key: 'when',
      width: 190,
      render: (_, m) =>
        m.sentAt ? (
          formatDate(m.sentAt)
        ) : m.status === 'pending' ? (
          <Typography.Text type="secondary">
            {t('notifications.outbox.nextAttemptAt')}：{formatDate(m.nextAttemptAt)}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: t('notifications.outbox.lastError'),
      dataIndex: 'lastError',
      width: 240,
      render: (v: string | null) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : '—'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, m) =>
        m.status === 'failed' ? (
          <Popconfirm
            title={t('notifications.outbox.resendConfirm')}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() => resend(m.id)}
          >
            <Button size="small">{t('notifications.outbox.resend')}</Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <>
      <PageTitle title={t('notifications.outbox.title')} />
      {query.data && !query.data.mailConfigured && <SmtpMissingAlert />}
      <Typography.Paragraph type="secondary">{t('notifications.outbox.intro')}</Typography.Paragraph>
      <div className="page-toolbar">
        <Select<OutboxStatus | 'all'>
          aria-label={t('notifications.outbox.status')}
          style={{ width: 180 }}
          value={filters.status ?? 'all'}
          options={[
            { value: 'all', label: t('notifications.outbox.allStatuses') },
            ...OUTBOX_STATUSES.map((s) => ({ value: s, label: t(`notifications.outbox.statuses.${s}`) })),
          ]}
          onChange={(v) => setFilter('status', v === 'all' ? undefined : v)}
        />
      </div>
      <ListError query={query} />
      <Table<OutboxMessage>
        rowKey="id"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        pagination={pagination}
        locale={{ emptyText: listEmptyText(query, t('notifications.outbox.empty')) }}
        scroll={{ x: 1300 }}
      />
    </>
  );
}
