import { useState } from 'react';
import { App, Button } from 'antd';
import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import type { ReportList } from '@custodian/shared';
import { apiFetch, type RequestOptions } from '../api/client.js';
import { today } from '../lib/clock.js';
import { downloadFile } from '../lib/download.js';
import { useErrorText } from '../lib/errors.js';

type Props = {
  list: ReportList;
  /** The list page's filters: both files hold exactly the rows the list shows. */
  query: NonNullable<RequestOptions['query']>;
  reportLabel: string;
  templateLabel: string;
};

/**
 * A list's two exports side by side: the readable report (names, 民國 dates, verdicts,
 * overdue flags) and the XLSX in the import template's layout, which re-imports as is.
 */
export function ExportButtons({ list, query, reportLabel, templateLabel }: Props) {
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [pending, setPending] = useState<'report' | 'template' | null>(null);

  const download = async (kind: 'report' | 'template') => {
    setPending(kind);
    try {
      const path = kind === 'report' ? `/exports/${list}.report.xlsx` : `/exports/${list}.xlsx`;
      const response = await apiFetch(path, { query });
      downloadFile({
        content: await response.blob(),
        filename: kind === 'report' ? `${list}-report-${today()}.xlsx` : `${list}-${today()}.xlsx`,
      });
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setPending(null);
    }
  };

  return (
    <>
      <Button icon={<FileExcelOutlined />} loading={pending === 'report'} onClick={() => void download('report')}>
        {reportLabel}
      </Button>
      <Button icon={<DownloadOutlined />} loading={pending === 'template'} onClick={() => void download('template')}>
        {templateLabel}
      </Button>
    </>
  );
}
