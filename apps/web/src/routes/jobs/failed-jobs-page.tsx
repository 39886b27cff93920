import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FailedJob } from '@custodian/shared';
import { PageTitle } from '../../components/page-title.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { usePagedQuery } from '../../lib/use-paged-query.js';
import { queryKeys } from '../../api/query-keys.js';
import { ListError, listEmptyText } from '../../components/list-state.js';

/**
 * Scheduled and queued work that failed after its last retry (ministry_admin): the job, its
 * error, how many attempts it made and when. The server keeps failed jobs for 30 days.
 */
export function FailedJobsPage() {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const { query, pagination } = usePagedQuery<'/api/v1/jobs/failed', Record<string, never>>({
    key: queryKeys.jobs.failed,
    path: '/api/v1/jobs/failed',
    initialFilters: {},
  });

  const columns: TableColumnsType<FailedJob> = [
    {
      title: t('jobs.failedAt'),
      dataIndex: 'failedAt',
      width: 210,
      render: (v: string | null) => (v ? formatDate(v) : '—'),
    },
    {
      title: t('jobs.name'),
      dataIndex: 'name',
      width: 240,
      render: (v: string) => (
        <span>
          <Tag>{v}</Tag>
          {t(`jobs.names.${v}`, { defaultValue: '' })}
        </span>
      ),
    },
    {
      title: t('jobs.error'),
      dataIndex: 'error',
      render: (v: string | null) => <Typography.Text type="danger">{v ?? '—'}</Typography.Text>,
    },
    { title: t('jobs.attempts'), dataIndex: 'attempts', width: 100, align: 'right' },
    { title: t('jobs.createdAt'), dataIndex: 'createdAt', width: 210, render: (v: string) => formatDate(v) },
  ];

  return (
    <>
      <PageTitle title={t('jobs.title')} />
      <Typography.Paragraph type="secondary">{t('jobs.intro')}</Typography.Paragraph>
      <ListError query={query} />
      <Table<FailedJob>
        rowKey="id"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        pagination={pagination}
        locale={{ emptyText: listEmptyText(query, t('jobs.empty')) }}
        scroll={{ x: 1000 }}
      />
    </>
  );
}
