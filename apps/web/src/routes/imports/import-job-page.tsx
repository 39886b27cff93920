import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Flex, Popconfirm, Result, Spin, Table, Tag, Typography } from 'antd';
import { CheckOutlined, DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n.js';
import {
  IMPORT_LIMITS,
  IMPORT_SHEET_LABELS,
  IMPORT_SHEETS,
  type ImportJob,
  type ImportJobStatus,
  type ImportSheet,
} from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { PageTitle } from '../../components/page-title.js';
import { useErrorText } from '../../lib/errors.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { usePageSizeChanger } from '../../lib/use-paged-query.js';
import { ExportCard } from './export-card.js';
import { ImportErrorsTable } from './import-errors-table.js';
import { queryKeys } from '../../api/query-keys.js';

const STATUS_COLOURS: Record<ImportJobStatus, string> = {
  preview: 'processing',
  committed: 'success',
  discarded: 'default',
  expired: 'warning',
};

/** Where each sheet's records are listed after a commit. */
const LIST_LINKS: Record<ImportSheet, string> = {
  units: '/organisations',
  contracts: '/contracts',
  systems: '/systems',
  hosts: '/hosts',
  contacts: '/systems',
};

const total = (counts: Record<ImportSheet, number>) => IMPORT_SHEETS.reduce((n, s) => n + counts[s], 0);

/** /imports/:id: the preview of one upload, its errors, and commit or discard. */
export function ImportJobPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const locale = currentLanguage();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const [sheet, setSheet] = useState<ImportSheet | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const sizeChanger = usePageSizeChanger();

  const query = useQuery({
    queryKey: queryKeys.imports.sheet(id, sheet, page, pageSize),
    queryFn: () =>
      unwrap(http.GET('/api/v1/imports/{id}', { params: { path: { id }, query: { sheet, page, pageSize } } })),
    placeholderData: keepPreviousData,
  });
  const onDone = (job: ImportJob) => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.imports.job(id) });
    return job;
  };
  const commit = useMutation({
    mutationFn: () => unwrap(http.POST('/api/v1/imports/{id}/commit', { params: { path: { id } } })).then(onDone),
    onSuccess: (job) => {
      // Every list may have new records.
      for (const key of ['organisations', 'contracts', 'systems', 'hosts']) {
        void queryClient.invalidateQueries({ queryKey: [key] });
      }
      void message.success(t('imports.job.committed', { count: total(job.counts) }));
    },
    onError: (error) => void message.error(errorText(error)),
  });
  const discard = useMutation({
    mutationFn: () => unwrap(http.POST('/api/v1/imports/{id}/discard', { params: { path: { id } } })).then(onDone),
    onSuccess: () => void navigate('/imports'),
    onError: (error) => void message.error(errorText(error)),
  });

  if (query.isPending) {
    return <Spin description={t('common.loading')} />;
  }
  if (query.isError) {
    return (
      <Result
        status="error"
        title={errorText(query.error)}
        extra={<Link to="/imports">{t('imports.job.back')}</Link>}
      />
    );
  }
  const job = query.data;
  const rows = total(job.counts);
  const summary = IMPORT_SHEETS.filter((s) => job.counts[s] > 0).map((s) => ({
    sheet: s,
    rows: job.counts[s],
    errorRows: job.errorRows[s],
  }));

  return (
    <>
      <PageTitle
        title={job.status === 'preview' ? t('imports.job.title') : t('imports.job.titleDone')}
        extra={
          <Button icon={<UploadOutlined />} onClick={() => void navigate('/imports')}>
            {t('imports.job.uploadAgain')}
          </Button>
        }
      />
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'file', label: t('imports.job.file'), children: job.fileName },
          {
            key: 'status',
            label: t('imports.job.status'),
            children: <Tag color={STATUS_COLOURS[job.status]}>{t(`imports.status.${job.status}`)}</Tag>,
          },
          { key: 'created', label: t('imports.job.uploadedAt'), children: formatDate(job.createdAt) },
          job.status === 'committed'
            ? { key: 'committed', label: t('imports.job.committedAt'), children: formatDate(job.committedAt) }
            : { key: 'expires', label: t('imports.job.expiresAt'), children: formatDate(job.expiresAt) },
        ]}
      />

      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>
        {t('imports.job.summary')}
      </Typography.Title>
      <Table
        rowKey="sheet"
        size="small"
        pagination={false}
        dataSource={summary}
        style={{ maxWidth: 560 }}
        columns={[
          {
            title: t('imports.job.sheet'),
            dataIndex: 'sheet',
            render: (s: ImportSheet) => IMPORT_SHEET_LABELS[s][locale],
          },
          { title: t('imports.job.rows'), dataIndex: 'rows', align: 'right' },
          {
            title: t('imports.job.errorRows'),
            dataIndex: 'errorRows',
            align: 'right',
            render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>{t('imports.job.total')}</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              {rows}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              {IMPORT_SHEETS.reduce((n, s) => n + job.errorRows[s], 0)}
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />

      {job.status === 'committed' && (
        <Result
          status="success"
          title={
            <Typography.Title level={2} style={{ fontSize: 22, margin: 0 }}>
              {t('imports.job.committed', { count: rows })}
            </Typography.Title>
          }
          subTitle={job.counts.contracts + job.counts.systems > 0 ? t('imports.job.committedHint') : undefined}
          extra={
            <Flex gap={8} wrap justify="center">
              {summary.map(({ sheet: s }) => (
                <Button key={s} onClick={() => void navigate(LIST_LINKS[s])}>
                  {t('imports.job.openList', { list: IMPORT_SHEET_LABELS[s][locale] })}
                </Button>
              ))}
            </Flex>
          }
        />
      )}
      {job.status === 'discarded' && <Result status="info" title={t('imports.job.discarded')} />}
      {job.status === 'expired' && <Result status="warning" title={t('imports.job.expired')} />}

      {job.status === 'preview' && (
        <>
          <Flex gap={8} wrap style={{ margin: '24px 0 16px' }}>
            <Popconfirm
              title={t('imports.job.commitConfirm', { count: rows })}
              okText={t('imports.job.commit')}
              cancelText={t('common.cancel')}
              onConfirm={() => commit.mutate()}
              disabled={!job.canCommit}
            >
              <Button type="primary" icon={<CheckOutlined />} disabled={!job.canCommit} loading={commit.isPending}>
                {t('imports.job.commit')}
              </Button>
            </Popconfirm>
            <Popconfirm
              title={t('imports.job.discardConfirm')}
              okText={t('imports.job.discard')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() => discard.mutate()}
            >
              <Button danger icon={<DeleteOutlined />} loading={discard.isPending}>
                {t('imports.job.discard')}
              </Button>
            </Popconfirm>
          </Flex>
          {job.errorCount === 0 ? (
            <Alert type="success" showIcon title={t('imports.job.noErrors', { count: rows })} />
          ) : (
            <Alert
              type="error"
              showIcon
              title={t('imports.job.errorCount', { count: job.errorCount })}
              description={
                job.isErrorListTruncated
                  ? t('imports.job.truncated', { count: IMPORT_LIMITS.maxStoredErrors })
                  : undefined
              }
            />
          )}
        </>
      )}

      {job.errorCount > 0 && (
        <ImportErrorsTable
          job={job}
          sheet={sheet}
          isFetching={query.isFetching}
          onSheet={(s) => {
            setSheet(s);
            setPage(1);
          }}
          pagination={{
            current: page,
            pageSize,
            total: job.errors.total,
            showSizeChanger: sizeChanger,
            showTotal: (n) => t('common.total', { count: n }),
            onChange: (next, size) => {
              setPage(size !== pageSize ? 1 : next);
              setPageSize(size);
            },
          }}
        />
      )}
      {job.status === 'committed' && (
        <div style={{ marginTop: 16 }}>
          <ExportCard />
        </div>
      )}
    </>
  );
}
