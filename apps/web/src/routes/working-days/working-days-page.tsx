import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  WORKING_DAYS_MAX_BYTES,
  type WorkingDay,
  type WorkingDayImportProblem,
  type WorkingDayYear,
} from '@custodian/shared';
import { ApiError, http, postForm, unwrap } from '../../api/client.js';
import { queryKeys } from '../../api/query-keys.js';
import { PageTitle } from '../../components/page-title.js';
import { useErrorText } from '../../lib/errors.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { previewWorkingDaysCsv, type WorkingDaysPreview } from './working-days-csv.js';

type Pending = { file: File; preview: WorkingDaysPreview };

/** The rest days and make-up workdays of one imported year. */
function YearDays({ year }: { year: number }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const errorText = useErrorText();
  const query = useQuery({
    queryKey: queryKeys.workingDays.year(year),
    queryFn: () => unwrap(http.GET('/api/v1/working-days', { params: { query: { year } } })),
  });
  // Weekends are the rule; the list shows the exceptions and the named holidays.
  const special = (query.data?.days ?? []).filter((d) => d.isMakeUpWorkday || (d.isHoliday && d.note));
  const columns: TableColumnsType<WorkingDay> = [
    {
      title: t('obligations.workingDays.date'),
      dataIndex: 'date',
      width: 180,
      render: (v: string) => formatDate(v, false),
    },
    {
      title: t('obligations.workingDays.kind'),
      key: 'kind',
      width: 130,
      render: (_, d) =>
        d.isMakeUpWorkday ? (
          <Tag color="blue">{t('obligations.workingDays.makeUp')}</Tag>
        ) : (
          <Tag color="red">{t('obligations.workingDays.holiday')}</Tag>
        ),
    },
    { title: t('obligations.workingDays.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
  ];
  return (
    <>
      {query.isError && <Alert type="error" showIcon title={errorText(query.error)} />}
      <Table<WorkingDay>
        rowKey="date"
        size="small"
        columns={columns}
        dataSource={special}
        loading={query.isFetching}
        pagination={false}
      />
    </>
  );
}

/** The problems found in a file, line by line. */
function ProblemsTable({ problems }: { problems: WorkingDayImportProblem[] }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<WorkingDayImportProblem> = [
    {
      title: t('obligations.workingDays.line'),
      dataIndex: 'line',
      width: 80,
      render: (v: number) => (v > 0 ? v : '—'),
    },
    {
      title: t('obligations.workingDays.problem'),
      dataIndex: 'reason',
      render: (v: WorkingDayImportProblem['reason']) => t(`obligations.workingDays.reasons.${v}`),
    },
    {
      title: t('obligations.workingDays.value'),
      dataIndex: 'value',
      render: (v: string | null) => (v ? <Typography.Text code>{v}</Typography.Text> : '—'),
    },
  ];
  return (
    <Table<WorkingDayImportProblem>
      rowKey={(p) => `${p.line}-${p.reason}-${p.value ?? ''}`}
      size="small"
      columns={columns}
      dataSource={problems}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
    />
  );
}

/**
 * The working-day calendar (Civil Code Art. 122; ministry_admin): the imported years, a
 * CSV upload checked in the browser first (every faulty line listed before anything is
 * sent), and the notice when this year has not been imported and only weekends count.
 */
export function WorkingDaysPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const [pending, setPending] = useState<Pending | null>(null);
  const [isImporting, setImporting] = useState(false);
  const [shownYear, setShownYear] = useState<number | null>(null);
  const years = useQuery({
    queryKey: queryKeys.workingDays.years,
    queryFn: () => unwrap(http.GET('/api/v1/working-days/years')),
  });

  const onPick = async (file: File) => {
    if (file.size > WORKING_DAYS_MAX_BYTES) {
      void message.error(
        errorText(new ApiError({ code: 'WORKING_DAYS_FILE_TOO_LARGE', status: 413, message: file.name })),
      );
      return;
    }
    setPending({ file, preview: previewWorkingDaysCsv(new Uint8Array(await file.arrayBuffer())) });
  };

  const onImport = async () => {
    if (!pending) {
      return;
    }
    setImporting(true);
    try {
      const form = new FormData();
      form.append('file', pending.file, pending.file.name);
      const result = await postForm('/api/v1/working-days/import', form);
      void message.success(
        t('obligations.workingDays.imported', { years: result.years.join('、'), days: result.days }),
      );
      setPending(null);
      await queryClient.invalidateQueries({ queryKey: queryKeys.workingDays.years });
      void queryClient.invalidateQueries({ queryKey: ['working-days'] });
      // Due days may move: the obligations are recomputed on the server.
      void queryClient.invalidateQueries({ queryKey: queryKeys.obligations.all });
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setImporting(false);
    }
  };

  const columns: TableColumnsType<WorkingDayYear> = [
    { title: t('obligations.workingDays.year'), dataIndex: 'year', width: 90 },
    { title: t('obligations.workingDays.days'), dataIndex: 'days', width: 90, align: 'right' },
    { title: t('obligations.workingDays.holidays'), dataIndex: 'holidays', width: 100, align: 'right' },
    { title: t('obligations.workingDays.makeUpWorkdays'), dataIndex: 'makeUpWorkdays', width: 120, align: 'right' },
    { title: t('obligations.workingDays.importedAt'), dataIndex: 'importedAt', render: (v: string) => formatDate(v) },
    {
      title: t('obligations.workingDays.importedBy'),
      dataIndex: 'importedByName',
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 180,
      render: (_, y) => (
        <Button
          size="small"
          onClick={() => setShownYear(shownYear === y.year ? null : y.year)}
          aria-expanded={shownYear === y.year}
        >
          {t('obligations.workingDays.viewYear', { year: y.year })}
        </Button>
      ),
    },
  ];

  const preview = pending?.preview;
  return (
    <>
      <PageTitle title={t('obligations.workingDays.title')} />
      <Typography.Paragraph type="secondary">{t('obligations.workingDays.intro')}</Typography.Paragraph>
      {years.data && !years.data.currentYearImported && (
        <Alert
          type="warning"
          showIcon
          data-testid="working-days-missing"
          title={t('obligations.workingDays.missingYear', { year: years.data.currentYear })}
          style={{ marginBottom: 16 }}
        />
      )}
      {years.isError && <Alert type="error" showIcon title={errorText(years.error)} style={{ marginBottom: 16 }} />}
      <Card size="small" title={t('obligations.workingDays.preview')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('obligations.workingDays.uploadHelp')}</Typography.Paragraph>
        <Upload
          accept=".csv,text/csv"
          showUploadList={false}
          maxCount={1}
          beforeUpload={(file) => {
            void onPick(file);
            return false;
          }}
        >
          {/* The Upload wrapper is the focusable button; this one only shows it. */}
          <Button icon={<UploadOutlined />} tabIndex={-1}>
            {t('obligations.workingDays.upload')}
          </Button>
        </Upload>
        {pending && preview && (
          <div style={{ marginTop: 16 }} data-testid="working-days-preview">
            <Typography.Paragraph>
              {t('obligations.workingDays.previewSummary', {
                file: pending.file.name,
                rows: preview.days.length,
                years: preview.years.join('、') || '—',
                holidays: preview.holidays,
                makeUp: preview.makeUpWorkdays,
              })}
            </Typography.Paragraph>
            {preview.problems.length > 0 ? (
              <>
                <Alert
                  type="error"
                  showIcon
                  title={t('obligations.workingDays.previewProblems', { count: preview.problems.length })}
                  style={{ marginBottom: 12 }}
                />
                <ProblemsTable problems={preview.problems} />
              </>
            ) : (
              <Alert
                type="success"
                showIcon
                title={t('obligations.workingDays.previewOk')}
                style={{ marginBottom: 12 }}
              />
            )}
            <Flex gap={8} style={{ marginTop: 12 }}>
              <Button
                type="primary"
                onClick={() => void onImport()}
                loading={isImporting}
                disabled={preview.problems.length > 0 || preview.days.length === 0}
              >
                {t('obligations.workingDays.import')}
              </Button>
              <Button onClick={() => setPending(null)}>{t('obligations.workingDays.cancel')}</Button>
            </Flex>
          </div>
        )}
      </Card>
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        {t('obligations.workingDays.years')}
      </Typography.Title>
      <Table<WorkingDayYear>
        rowKey="year"
        columns={columns}
        dataSource={years.data?.items ?? []}
        loading={years.isFetching}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('obligations.workingDays.noYears') }}
      />
      {shownYear !== null && (
        <Flex vertical style={{ marginTop: 16 }}>
          <Typography.Title level={3} style={{ fontSize: 15 }}>
            {t('obligations.workingDays.viewYear', { year: shownYear })}
          </Typography.Title>
          <YearDays year={shownYear} />
        </Flex>
      )}
    </>
  );
}
