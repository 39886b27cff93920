import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Empty, Flex, Popover, Spin, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Notification } from '@custodian/shared';
import { http, unwrap } from '../api/client.js';
import { queryKeys } from '../api/query-keys.js';
import { useFormatDate } from '../lib/use-format-date.js';
import { useNotificationActions } from '../routes/notifications/use-notification-actions.js';

/** How often the bell asks for the unread count while the page is open (and on focus). */
const POLL_MS = 60_000;
const RECENT = 8;

function RecentList({ onOpen }: { onOpen: (n: Notification) => void }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const recent = useQuery({
    queryKey: queryKeys.notifications.recent,
    queryFn: () => unwrap(http.GET('/api/v1/notifications', { params: { query: { page: 1, pageSize: RECENT } } })),
  });
  if (recent.isPending) {
    return <Spin size="small" />;
  }
  const items = recent.data?.items ?? [];
  if (items.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.bell.empty')} />;
  }
  return (
    <ul className="notification-list" aria-label={t('notifications.bell.recent')}>
      {items.map((n) => (
        <li key={n.id}>
          <button
            type="button"
            className={n.readAt ? 'notification-item' : 'notification-item notification-unread'}
            onClick={() => onOpen(n)}
          >
            {!n.readAt && <span className="visually-hidden">{t('notifications.unread')}: </span>}
            <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDate(n.createdAt)}
            </Typography.Text>
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * The header's bell: the unread count (polled every minute and whenever the window regains
 * focus) and, when opened, the latest notifications. Opening one marks it read and follows
 * its link to the record.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const { markRead, markAllRead } = useNotificationActions();
  const unread = useQuery({
    queryKey: queryKeys.notifications.unreadCount,
    queryFn: () => unwrap(http.GET('/api/v1/notifications/unread-count')),
    refetchInterval: POLL_MS,
    refetchOnWindowFocus: true,
  });
  const count = unread.data?.count ?? 0;

  const onOpen = (n: Notification) => {
    setOpen(false);
    if (!n.readAt) {
      void markRead(n.id);
    }
    void navigate(n.link ?? '/notifications');
  };

  const content = (
    <div style={{ width: 340, maxWidth: '80vw' }}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('notifications.bell.recent')}</Typography.Text>
        <Button size="small" type="link" disabled={count === 0} onClick={() => void markAllRead()}>
          {t('notifications.bell.markAllRead')}
        </Button>
      </Flex>
      {open && <RecentList onOpen={onOpen} />}
      <div style={{ marginTop: 8, textAlign: 'center' }}>
        <Link to="/notifications" onClick={() => setOpen(false)}>
          {t('notifications.bell.viewAll')}
        </Link>
      </div>
    </div>
  );

  return (
    <Popover content={content} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight">
      <Badge count={count} overflowCount={99} size="small">
        <Button
          shape="circle"
          icon={<BellOutlined />}
          aria-label={count > 0 ? t('notifications.bell.labelUnread', { count }) : t('notifications.bell.label')}
          aria-haspopup="dialog"
          aria-expanded={open}
          data-testid="notification-bell"
        />
      </Badge>
    </Popover>
  );
}
