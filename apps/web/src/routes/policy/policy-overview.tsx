import { Alert, Button, Card, Descriptions, Skeleton, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

import { http, unwrap } from '../../api/client.js';
import { PageTitle } from '../../components/page-title.js';
import { useErrorText } from '../../lib/errors.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { RuleSetView } from './rule-set-view.js';
import { VersionHistory } from './version-history.js';
import { queryKeys } from '../../api/query-keys.js';

/** The rule set in force today, and the history of versions. */
export function PolicyOverview() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const current = useQuery({
    queryKey: queryKeys.policy.current,
    queryFn: () => unwrap(http.GET('/api/v1/policy/current')),
  });

  return (
    <>
      <PageTitle
        title={t('policy.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/policy/publish')}>
            {t('policy.publishNew')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('policy.intro')}</Typography.Paragraph>
      {current.isPending && <Skeleton active />}
      {current.isError && <Alert type="error" showIcon title={errorText(current.error)} />}
      {current.data && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {current.data.scheduled.map((s) => (
            <Alert
              key={s.id}
              type="info"
              showIcon
              title={t('policy.scheduledNotice', { version: s.version, date: formatDate(s.effectiveFrom, false) })}
            />
          ))}
          <Card
            title={
              <Typography.Title level={2} style={{ fontSize: 17, margin: 0 }}>
                {t('policy.current')} · {t('policy.versionLabel', { version: current.data.version })}
              </Typography.Title>
            }
          >
            <Descriptions
              size="small"
              column={{ xs: 1, md: 3 }}
              style={{ marginBottom: 16 }}
              items={[
                {
                  key: 'effective',
                  label: t('policy.effectiveFrom'),
                  children: formatDate(current.data.effectiveFrom, false),
                },
                {
                  key: 'publisher',
                  label: t('policy.publishedBy'),
                  children: current.data.publishedByName ?? t('policy.shippedWithPlatform'),
                },
                { key: 'at', label: t('policy.publishedAt'), children: formatDate(current.data.createdAt) },
                { key: 'notes', label: t('policy.notes'), children: current.data.notes, span: 'filled' },
              ]}
            />
            <RuleSetView rules={current.data.rules} />
          </Card>
          <Card
            title={
              <Typography.Title level={2} style={{ fontSize: 17, margin: 0 }}>
                {t('policy.history')}
              </Typography.Title>
            }
          >
            <VersionHistory />
          </Card>
        </Space>
      )}
    </>
  );
}
