import { Link } from 'react-router-dom';
import { Button, Segmented, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Notification } from '@custodian/shared';
import { queryKeys } from '../../api/query-keys.js';
import { PageTitle } from '../../components/page-title.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { usePagedQuery } from '../../lib/use-paged-query.js';
import { useNotificationActions } from './use-notification-actions.js';
import { ListError, listEmptyText } from '../../components/list-state.js';

type Filters = { unread: 'true' | undefined };

/** All of the caller's notifications, newest first, with read state and links to the records. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const { markRead, markAllRead } = useNotificationActions();
  const { query, filters, setFilter, pagination } = usePagedQuery<'/api/v1/notifications', Filters>({
    key: queryKeys.notifications.list,
    path: '/api/v1/notifications',
    initialFilters: { unread: undefined },
    urlFilters: ['unread'],
  });

  const columns: TableColumnsType<Notification> = [
    {
      title: t('notifications.read'),
      key: 'state',
      width: 90,
      render: (_, n) =>
        n.readAt ? <Tag>{t('notifications.read')}</Tag> : <Tag color="blue">{t('notifications.unread')}</Tag>,
    },
    {
      title: t('notifications.title'),
      key: 'title',
      render: (_, n) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
          <Typography.Text type="secondary" style={{ whiteSpace: 'pre-line' }}>
            {n.body}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('notifications.createdAt'), dataIndex: 'createdAt', width: 200, render: (v: string) => formatDate(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 220,
      render: (_, n) => (
        <Space>
          {n.link && (
            <Link to={n.link} onClick={() => (n.readAt ? undefined : void markRead(n.id))}>
              {t('notifications.open')}
            </Link>
          )}
          {!n.readAt && (
            <Button size="small" onClick={() => void markRead(n.id)}>
              {t('notifications.markRead')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        title={t('notifications.title')}
        extra={<Button onClick={() => void markAllRead()}>{t('notifications.bell.markAllRead')}</Button>}
      />
      <Typography.Paragraph type="secondary">{t('notifications.intro')}</Typography.Paragraph>
      <div className="page-toolbar">
        <Segmented
          aria-label={t('notifications.filter.label')}
          value={filters.unread ?? 'all'}
          options={[
            { value: 'all', label: t('notifications.filter.all') },
            { value: 'true', label: t('notifications.filter.unread') },
          ]}
          onChange={(v) => setFilter('unread', v === 'true' ? 'true' : undefined)}
        />
      </div>
      <ListError query={query} />
      <Table<Notification>
        rowKey="id"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        pagination={pagination}
        locale={{ emptyText: listEmptyText(query, t('notifications.empty')) }}
        scroll={{ x: 800 }}
      />
    </>
  );
}
