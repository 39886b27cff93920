import { Alert, Breadcrumb, Card, Descriptions, Skeleton, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { http, unwrap } from '../../api/client.js';
import { queryKeys } from '../../api/query-keys.js';
import { PageTitle } from '../../components/page-title.js';
import { useErrorText } from '../../lib/errors.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { ScanSummaryTable, formatBytes } from './scan-parts.js';

/** /scans/:id: one imported scan, its source file and what it found. */
export function ScanDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const errorText = useErrorText();
  const query = useQuery({
    queryKey: queryKeys.scans.detail(id),
    queryFn: () => unwrap(http.GET('/api/v1/scans/{id}', { params: { path: { id } } })),
  });
  const s = query.data;
  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[{ title: <Link to="/scans?tab=scans">{t('findings.pageTitle')}</Link> }, { title: s ? s.tool : '…' }]}
      />
      <PageTitle
        title={s ? t('findings.scan.title', { tool: s.tool, system: s.systemName }) : t('findings.pageTitle')}
      />
      {query.isPending && <Skeleton active />}
      {query.isError && <Alert type="error" showIcon title={errorText(query.error)} />}
      {s && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Card>
            <Descriptions
              bordered
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                {
                  key: 'system',
                  label: t('findings.system'),
                  children: <Link to={`/systems/${s.systemId}?tab=scans`}>{s.systemName}</Link>,
                },
                { key: 'tool', label: t('findings.scan.tool'), children: `${s.tool} ${s.toolVersion ?? ''}` },
                { key: 'started', label: t('findings.scan.startedAt'), children: formatDate(s.startedAt) },
                { key: 'finished', label: t('findings.scan.finishedAt'), children: formatDate(s.finishedAt) },
                { key: 'scope', label: t('findings.scan.scope'), span: 'filled', children: s.scope.join(', ') || '—' },
                {
                  key: 'file',
                  label: t('findings.scan.file'),
                  span: 'filled',
                  children: (
                    <>
                      {s.fileName} · {formatBytes(s.fileSize)}
                      <div style={{ wordBreak: 'break-all' }}>SHA-256 {s.fileSha256}</div>
                    </>
                  ),
                },
                {
                  key: 'uploaded',
                  label: t('findings.scan.uploadedBy'),
                  children: `${s.uploadedByName ?? '—'} · ${formatDate(s.createdAt)}`,
                },
                { key: 'count', label: t('findings.scan.findings'), children: s.findingCount },
              ]}
            />
          </Card>
          <Card title={t('findings.summary.title')}>
            <ScanSummaryTable summary={s.summary} />
          </Card>
        </Space>
      )}
    </>
  );
}
