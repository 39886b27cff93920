import { Table, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { RecordLink } from '../../components/record-link.js';
import { useTranslation } from 'react-i18next';
import { FINDING_SEVERITIES, type Scan } from '@custodian/shared';
import { queryKeys } from '../../api/query-keys.js';
import { ListError, listEmptyText } from '../../components/list-state.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { usePagedQuery } from '../../lib/use-paged-query.js';
import { formatBytes } from './scan-parts.js';

const sum = (counts: Record<string, number>) => FINDING_SEVERITIES.reduce((n, s) => n + (counts[s] ?? 0), 0);

/** Imported scans, newest first, with what each found. */
export function ScansList(props: { systemId?: string }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const inSystem = props.systemId !== undefined;
  const { query, pagination } = usePagedQuery<'/api/v1/scans', { systemId?: string }>({
    key: queryKeys.scans.list,
    path: '/api/v1/scans',
    initialFilters: inSystem ? { systemId: props.systemId } : {},
  });
  const columns: TableColumnsType<Scan> = [
    {
      title: t('findings.scan.takenAt'),
      key: 'taken',
      width: 170,
      render: (_, s) => (
        <RecordLink to={`/scans/${s.id}`} access={s.access}>
          {formatDate(s.takenAt)}
        </RecordLink>
      ),
    },
    {
      title: t('findings.scan.tool'),
      key: 'tool',
      render: (_, s) => (
        <>
          {s.tool} {s.toolVersion ?? ''}
          <div>
            <Typography.Text type="secondary">
              {s.fileName} · {formatBytes(s.fileSize)}
            </Typography.Text>
          </div>
        </>
      ),
    },
    ...(inSystem
      ? []
      : [
          {
            title: t('findings.system'),
            key: 'system',
            render: (_: unknown, s: Scan) =>
              s.access.open ? <Link to={`/systems/${s.systemId}?tab=scans`}>{s.systemName}</Link> : s.systemName,
          },
        ]),
    { title: t('findings.scan.findings'), dataIndex: 'findingCount', width: 90, align: 'right' },
    {
      title: t('findings.summary.classes.new'),
      key: 'new',
      width: 80,
      align: 'right',
      render: (_, s) => sum(s.summary.new),
    },
    {
      title: t('findings.summary.classes.fixed'),
      key: 'fixed',
      width: 80,
      align: 'right',
      render: (_, s) => sum(s.summary.fixed),
    },
    { title: t('findings.scan.uploadedBy'), dataIndex: 'uploadedByName', width: 140, render: (v) => v ?? '—' },
  ];
  return (
    <>
      <ListError query={query} />
      <Table<Scan>
        rowKey="id"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        pagination={pagination}
        locale={{ emptyText: listEmptyText(query, t('findings.scan.empty')) }}
        scroll={{ x: 800 }}
      />
    </>
  );
}
