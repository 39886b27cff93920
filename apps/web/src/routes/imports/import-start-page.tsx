import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Card, Flex, Progress, Select, Space, Typography, Upload, type UploadProps } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n.js';
import { IMPORT_LIMITS, IMPORT_SHEET_LABELS, IMPORT_SHEETS, type ImportSheet } from '@custodian/shared';
import { useSession } from '../../auth/session-context.js';
import { PageTitle } from '../../components/page-title.js';
import { useErrorText } from '../../lib/errors.js';
import { DownloadButton } from './download-button.js';
import { ExportCard } from './export-card.js';
import { uploadImportFile } from './upload-with-progress.js';

const ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

/** /imports: download the template, upload a filled-in file, export the lists. */
export function ImportStartPage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const { session } = useSession();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const [sheet, setSheet] = useState<ImportSheet | undefined>();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const beforeUpload: UploadProps['beforeUpload'] = (file) => {
    setError(null);
    if (file.size > IMPORT_LIMITS.maxFileBytes) {
      setError(t('imports.upload.tooLarge', { size: IMPORT_LIMITS.maxFileBytes / 1024 / 1024 }));
      return Upload.LIST_IGNORE;
    }
    setProgress(0);
    uploadImportFile({
      file,
      sheet,
      csrfToken: session?.csrfToken ?? '',
      locale,
      onProgress: setProgress,
    })
      .then((job) => void navigate(`/imports/${job.id}`))
      .catch((err: unknown) => setError(errorText(err)))
      .finally(() => setProgress(null));
    // The upload is ours, not antd's.
    return false;
  };

  const isUploading = progress !== null;
  return (
    <>
      <PageTitle title={t('imports.title')} />
      <Typography.Paragraph type="secondary">{t('imports.intro')}</Typography.Paragraph>
      <Flex vertical gap={16}>
        <Card
          title={
            <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
              {t('imports.template.title')}
            </Typography.Title>
          }
        >
          <Typography.Paragraph>{t('imports.template.hint')}</Typography.Paragraph>
          <Space wrap>
            <DownloadButton type="primary" path="/imports/template.xlsx" fallbackName="import-template.xlsx">
              {t('imports.template.xlsx')}
            </DownloadButton>
          </Space>
          <Typography.Paragraph style={{ marginTop: 16, marginBottom: 8 }}>
            {t('imports.template.csv')}
          </Typography.Paragraph>
          <Space wrap>
            {IMPORT_SHEETS.map((s) => (
              <DownloadButton key={s} size="small" path={`/imports/templates/${s}.csv`} fallbackName={`${s}.csv`}>
                {IMPORT_SHEET_LABELS[s][locale]}
              </DownloadButton>
            ))}
          </Space>
        </Card>

        <Card
          title={
            <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
              {t('imports.upload.title')}
            </Typography.Title>
          }
        >
          <Flex vertical gap={12}>
            <Flex align="center" gap={8} wrap>
              <label htmlFor="import-sheet">{t('imports.upload.sheet')}</label>
              <Select<ImportSheet>
                id="import-sheet"
                allowClear
                placeholder={t('imports.upload.sheetAuto')}
                value={sheet}
                onChange={(value) => setSheet(value)}
                options={IMPORT_SHEETS.map((s) => ({ value: s, label: IMPORT_SHEET_LABELS[s][locale] }))}
                style={{ width: 220 }}
              />
              <Typography.Text type="secondary">{t('imports.upload.sheetHint')}</Typography.Text>
            </Flex>
            <Upload.Dragger
              accept={ACCEPT}
              multiple={false}
              showUploadList={false}
              beforeUpload={beforeUpload}
              disabled={isUploading}
              aria-label={t('imports.upload.drop')}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('imports.upload.drop')}</p>
              <p className="ant-upload-hint">
                {t('imports.upload.hint', {
                  size: IMPORT_LIMITS.maxFileBytes / 1024 / 1024,
                  rows: IMPORT_LIMITS.maxRows.toLocaleString(),
                })}
              </p>
            </Upload.Dragger>
            {isUploading && (
              <div role="status" aria-live="polite">
                <Typography.Text>
                  {progress < 100 ? t('imports.upload.uploading') : t('imports.upload.checking')}
                </Typography.Text>
                <Progress percent={progress} status={progress < 100 ? 'active' : 'normal'} />
              </div>
            )}
            {error && <Alert type="error" showIcon title={error} role="alert" />}
          </Flex>
        </Card>

        <ExportCard />
      </Flex>
    </>
  );
}
