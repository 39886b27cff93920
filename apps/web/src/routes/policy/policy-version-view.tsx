import { Alert, Card, Descriptions, Skeleton } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

import { http, unwrap } from '../../api/client.js';
import { PageTitle } from '../../components/page-title.js';
import { useErrorText } from '../../lib/errors.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { RuleSetView } from './rule-set-view.js';
import { usageTexts } from './rule-values.js';
import { VersionStatusTag } from './version-history.js';
import { queryKeys } from '../../api/query-keys.js';

/** One published version, read-only. */
export function PolicyVersionView() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const version = useQuery({
    queryKey: queryKeys.policy.version(id),
    queryFn: () => unwrap(http.GET('/api/v1/policy/versions/{id}', { params: { path: { id } } })),
  });
  const v = version.data;

  return (
    <>
      <Link to="/policy">
        <ArrowLeftOutlined /> {t('policy.back')}
      </Link>
      <PageTitle title={v ? t('policy.versionTitle', { version: v.version }) : t('policy.title')} />
      {version.isPending && <Skeleton active />}
      {version.isError && <Alert type="error" showIcon title={errorText(version.error)} />}
      {v && (
        <Card>
          <Alert type="info" showIcon title={t('policy.readOnly')} style={{ marginBottom: 16 }} />
          <Descriptions
            size="small"
            column={{ xs: 1, md: 3 }}
            style={{ marginBottom: 16 }}
            items={[
              { key: 'status', label: t('policy.status'), children: <VersionStatusTag status={v.status} /> },
              { key: 'effective', label: t('policy.effectiveFrom'), children: formatDate(v.effectiveFrom, false) },
              {
                key: 'publisher',
                label: t('policy.publishedBy'),
                children: `${v.publishedByName ?? t('policy.shippedWithPlatform')} · ${formatDate(v.createdAt)}`,
              },
              {
                key: 'usage',
                label: t('policy.usage'),
                children: usageTexts(t, v.usage).join(t('policy.usageSeparator')),
                span: 'filled',
              },
              { key: 'notes', label: t('policy.notes'), children: v.notes, span: 'filled' },
            ]}
          />
          <RuleSetView rules={v.rules} />
        </Card>
      )}
    </>
  );
}
