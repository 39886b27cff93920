import { useState } from 'react';
import { Alert, App, Button, Descriptions, Input, Modal, Popconfirm, Skeleton, Space, Tag, Typography } from 'antd';
import { CalendarOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { http, unwrap } from '../../api/client.js';
import { queryKeys } from '../../api/query-keys.js';
import { CopyButton } from '../../components/copy-button.js';
import { useErrorText } from '../../lib/errors.js';
import { useFormatDate } from '../../lib/use-format-date.js';

/**
 * The personal iCalendar feed (issue 13 part 5): create or rotate the secret address
 * (shown once, with a copy button) and revoke it.
 */
export function CalendarFeedCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const [isBusy, setBusy] = useState(false);
  const [url, setUrl] = useState<string | null>(null);
  const query = useQuery({
    queryKey: queryKeys.account.calendarFeed,
    queryFn: () => unwrap(http.GET('/api/v1/account/calendar-feed')),
  });

  const onCreate = async () => {
    setBusy(true);
    try {
      const created = await unwrap(http.POST('/api/v1/account/calendar-feed'));
      setUrl(created.url);
      await queryClient.invalidateQueries({ queryKey: queryKeys.account.calendarFeed });
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  const onRevoke = async () => {
    setBusy(true);
    try {
      await unwrap(http.DELETE('/api/v1/account/calendar-feed'));
      void message.success(t('obligations.feed.revoked'));
      await queryClient.invalidateQueries({ queryKey: queryKeys.account.calendarFeed });
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const feed = query.data;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('obligations.feed.help')}</Typography.Paragraph>
      {query.isPending && <Skeleton active paragraph={{ rows: 2 }} />}
      {query.isError && <Alert type="error" showIcon title={errorText(query.error)} style={{ marginBottom: 16 }} />}
      {feed && (
        <>
          {feed.active ? (
            <Descriptions
              column={1}
              size="small"
              style={{ marginBottom: 16 }}
              items={[
                {
                  key: 'state',
                  label: t('obligations.feed.title'),
                  children: <Tag color="green">{t('obligations.feed.active')}</Tag>,
                },
                { key: 'created', label: t('obligations.feed.createdAt'), children: formatDate(feed.createdAt) },
                {
                  key: 'used',
                  label: t('obligations.feed.lastUsed'),
                  children: feed.lastUsedAt ? formatDate(feed.lastUsedAt) : t('obligations.feed.never'),
                },
              ]}
            />
          ) : (
            <Typography.Paragraph>{t('obligations.feed.inactive')}</Typography.Paragraph>
          )}
          <Space wrap>
            {feed.active ? (
              <>
                <Popconfirm
                  title={t('obligations.feed.rotateConfirm')}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                  onConfirm={onCreate}
                >
                  <Button icon={<CalendarOutlined />} loading={isBusy}>
                    {t('obligations.feed.rotate')}
                  </Button>
                </Popconfirm>
                <Popconfirm
                  title={t('obligations.feed.revokeConfirm')}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                  onConfirm={onRevoke}
                >
                  <Button danger loading={isBusy}>
                    {t('obligations.feed.revoke')}
                  </Button>
                </Popconfirm>
              </>
            ) : (
              <Button type="primary" icon={<CalendarOutlined />} loading={isBusy} onClick={() => void onCreate()}>
                {t('obligations.feed.create')}
              </Button>
            )}
          </Space>
        </>
      )}
      {url && (
        <Modal
          open
          title={t('obligations.feed.createdTitle')}
          onCancel={() => setUrl(null)}
          footer={
            <Button type="primary" onClick={() => setUrl(null)}>
              {t('common.done')}
            </Button>
          }
        >
          <Alert type="warning" showIcon title={t('obligations.feed.urlOnce')} style={{ marginBottom: 12 }} />
          <Space.Compact style={{ width: '100%' }}>
            <Input readOnly value={url} aria-label={t('obligations.feed.url')} className="secret-box" />
            <CopyButton text={url} />
          </Space.Compact>
        </Modal>
      )}
    </>
  );
}
