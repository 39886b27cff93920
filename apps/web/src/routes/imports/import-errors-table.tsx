import { Select, Table, Typography, type TablePaginationConfig } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n.js';
import {
  ERROR_MESSAGES,
  IMPORT_SHEET_LABELS,
  IMPORT_SHEETS,
  importColumnLabel,
  type ImportJobDetail,
  type ImportRowErrorItem,
  type ImportSheet,
} from '@custodian/shared';

/** The row errors of a preview: sheet, row, column and a message in the UI language. */
export function ImportErrorsTable(props: {
  job: ImportJobDetail;
  sheet: ImportSheet | undefined;
  onSheet: (sheet: ImportSheet | undefined) => void;
  pagination: TablePaginationConfig;
  isFetching: boolean;
}) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const { job } = props;
  const sheetsWithErrors = IMPORT_SHEETS.filter((s) => job.errorRows[s] > 0);
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>
        {t('imports.job.errorsTitle')}
      </Typography.Title>
      <div className="page-toolbar" role="search">
        <Select<ImportSheet>
          aria-label={t('imports.job.sheet')}
          placeholder={t('imports.job.allSheets')}
          allowClear
          value={props.sheet}
          onChange={(value) => props.onSheet(value)}
          options={sheetsWithErrors.map((s) => ({ value: s, label: IMPORT_SHEET_LABELS[s][locale] }))}
          style={{ width: 200 }}
        />
      </div>
      <Table<ImportRowErrorItem>
        rowKey={(e) => `${e.sheet}:${e.row}:${e.column ?? ''}:${e.code}`}
        size="small"
        loading={props.isFetching}
        dataSource={job.errors.items}
        pagination={props.pagination}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t('imports.job.sheet'),
            dataIndex: 'sheet',
            width: 110,
            render: (s: ImportSheet) => IMPORT_SHEET_LABELS[s][locale],
          },
          { title: t('imports.job.row'), dataIndex: 'row', width: 80, align: 'right' },
          {
            title: t('imports.job.column'),
            key: 'column',
            width: 180,
            render: (_, e) => (e.column ? importColumnLabel(e.sheet, e.column, locale) : t('imports.job.wholeRow')),
          },
          {
            title: t('imports.job.value'),
            dataIndex: 'value',
            width: 200,
            render: (v: string | null) => (v === null ? '—' : <Typography.Text code>{v}</Typography.Text>),
          },
          {
            title: t('imports.job.message'),
            key: 'message',
            // Re-localised by code: the server answered in the language of the upload request.
            render: (_, e) => <Typography.Text type="danger">{ERROR_MESSAGES[e.code][locale]}</Typography.Text>,
          },
        ]}
      />
    </>
  );
}
