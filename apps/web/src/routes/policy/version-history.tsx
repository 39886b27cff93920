import { Alert, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { PolicyVersionDetail, PolicyVersionStatus } from '@custodian/shared';
import { useErrorText } from '../../lib/errors.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { usePagedQuery } from '../../lib/use-paged-query.js';
import { queryKeys } from '../../api/query-keys.js';
import { usageTexts } from './rule-values.js';

const STATUS_COLOURS: Record<PolicyVersionStatus, string> = {
  current: 'green',
  scheduled: 'blue',
  superseded: 'default',
};

/** A version's standing as a coloured tag with its name. */
export function VersionStatusTag({ status }: { status: PolicyVersionStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOURS[status]}>{t(`policy.statuses.${status}`)}</Tag>;
}

/** Every published version, newest first, with the records judged by each. */
export function VersionHistory() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const { query, pagination } = usePagedQuery<'/api/v1/policy/versions', Record<string, never>>({
    key: queryKeys.policy.versions,
    path: '/api/v1/policy/versions',
    initialFilters: {},
  });

  const columns: TableColumnsType<PolicyVersionDetail> = [
    {
      title: t('policy.version'),
      dataIndex: 'version',
      width: 90,
      render: (version: number) => t('policy.versionLabel', { version }),
    },
    {
      title: t('policy.status'),
      dataIndex: 'status',
      width: 100,
      render: (status: PolicyVersionStatus) => <VersionStatusTag status={status} />,
    },
    {
      title: t('policy.effectiveFrom'),
      dataIndex: 'effectiveFrom',
      width: 150,
      render: (value: string) => formatDate(value, false),
    },
    {
      title: t('policy.notes'),
      dataIndex: 'notes',
      render: (notes: string) => <Typography.Paragraph ellipsis={{ rows: 2 }}>{notes}</Typography.Paragraph>,
    },
    {
      title: t('policy.publishedBy'),
      key: 'publisher',
      width: 190,
      render: (_, v) => (
        <>
          <div>{v.publishedByName ?? t('policy.shippedWithPlatform')}</div>
          <Typography.Text type="secondary">{formatDate(v.createdAt)}</Typography.Text>
        </>
      ),
    },
    {
      title: t('policy.usage'),
      key: 'usage',
      width: 150,
      render: (_, v) => (
        <ul style={{ margin: 0, padding: 0, listStyle: 'none' }}>
          {usageTexts(t, v.usage).map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, v) => (
        <Link to={`/policy/versions/${v.id}`} aria-label={t('policy.viewNamed', { version: v.version })}>
          <EyeOutlined /> {t('policy.view')}
        </Link>
      ),
    },
  ];

  return (
    <>
      {query.isError && <Alert type="error" showIcon title={errorText(query.error)} style={{ marginBottom: 16 }} />}
      <Table<PolicyVersionDetail>
        rowKey="id"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        pagination={pagination}
        scroll={{ x: 1000 }}
      />
    </>
  );
}
