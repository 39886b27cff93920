import { useEffect, useState } from 'react';
import { Alert, Button, Card, Flex, Form, Progress, Result, Space, Typography, Upload, type UploadProps } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ERROR_MESSAGES, scanFileReasonMessage, type ErrorCode, type ScanImport } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { listKey, queryKeys } from '../../api/query-keys.js';
import { useSession } from '../../auth/session-context.js';
import { PageTitle } from '../../components/page-title.js';
import { currentLanguage } from '../../i18n.js';
import { useErrorText } from '../../lib/errors.js';
import { uploadWithProgress } from '../../lib/upload-with-progress.js';
import { SystemSelect } from '../allocations/system-select.js';
import { ScanSummaryTable, formatBytes } from './scan-parts.js';

/** While an import runs, its status is read this often. */
const POLL_MS = 500;

/** The progress, then the outcome, of one import: polled until it has finished. */
function ImportProgress({ importId, onAnother }: { importId: string; onAnother: () => void }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const status = useQuery({
    queryKey: queryKeys.scans.import(importId),
    queryFn: () => unwrap(http.GET('/api/v1/scans/imports/{id}', { params: { path: { id: importId } } })),
    refetchInterval: (query) => (query.state.data?.status === 'running' ? POLL_MS : false),
  });
  const job = status.data;
  const finishedSystem = job?.status === 'completed' ? job.systemId : undefined;
  useEffect(() => {
    if (finishedSystem) {
      // Lists and the system's gate changed: show them fresh.
      void queryClient.invalidateQueries({ queryKey: listKey(queryKeys.scans.findings) });
      void queryClient.invalidateQueries({ queryKey: listKey(queryKeys.scans.list) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.scans.launchCheck(finishedSystem) });
    }
  }, [finishedSystem, queryClient]);
  if (status.isError) {
    return <Alert type="error" showIcon role="alert" title={errorText(status.error)} />;
  }
  if (!job || job.status === 'running') {
    const percent = job && job.fileSize > 0 ? Math.min(99, Math.floor((job.bytesParsed / job.fileSize) * 100)) : 0;
    return (
      <div role="status" aria-live="polite">
        <Typography.Text>
          {t('findings.import.parsing', {
            read: formatBytes(job?.bytesParsed ?? 0),
            size: formatBytes(job?.fileSize ?? 0),
            count: job?.findingsParsed ?? 0,
          })}
        </Typography.Text>
        <Progress percent={percent} status="active" aria-label={t('findings.import.progress')} />
      </div>
    );
  }
  if (job.status === 'failed') {
    const code = job.errorCode as ErrorCode | null;
    const message = code && Object.hasOwn(ERROR_MESSAGES, code) ? ERROR_MESSAGES[code][locale] : t('errors.unexpected');
    return (
      <Flex vertical gap={12}>
        <Alert
          type="error"
          showIcon
          role="alert"
          title={message}
          description={job.errorReason ? scanFileReasonMessage(job.errorReason, locale) : undefined}
        />
        <Typography.Text type="secondary">{t('findings.import.nothingStored')}</Typography.Text>
        <div>
          <Button onClick={onAnother}>{t('findings.import.tryAgain')}</Button>
        </div>
      </Flex>
    );
  }
  return (
    <Result
      status="success"
      title={t('findings.import.done', { count: job.findingsParsed })}
      subTitle={job.scan ? `${job.scan.tool} ${job.scan.toolVersion ?? ''} · ${job.fileName}` : job.fileName}
      extra={
        <Space wrap>
          <Link to={`/systems/${job.systemId}?tab=scans`}>{t('findings.import.toSystem')}</Link>
          {job.scan && <Link to={`/scans/${job.scan.id}`}>{t('findings.import.toScan')}</Link>}
          <Button onClick={onAnother}>{t('findings.import.another')}</Button>
        </Space>
      }
    >
      {job.scan && <ScanSummaryTable summary={job.scan.summary} />}
    </Result>
  );
}

/** /scans/import: upload a scan report into a system, watch it import, see what it found. */
export function ScanImportPage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const { session } = useSession();
  const errorText = useErrorText();
  const [searchParams] = useSearchParams();
  const [systemId, setSystemId] = useState<string | undefined>(searchParams.get('systemId') ?? undefined);
  const [uploadPercent, setUploadPercent] = useState<number | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const beforeUpload: UploadProps['beforeUpload'] = (file) => {
    setError(null);
    if (!systemId) {
      setError(t('findings.import.systemFirst'));
      return Upload.LIST_IGNORE;
    }
    const form = new FormData();
    form.append('file', file);
    setUploadPercent(0);
    uploadWithProgress<ScanImport>({
      path: '/scans/imports',
      query: { systemId },
      form,
      csrfToken: session?.csrfToken ?? '',
      locale,
      onProgress: setUploadPercent,
    })
      .then((job) => setImportId(job.id))
      .catch((err: unknown) => setError(errorText(err)))
      .finally(() => setUploadPercent(null));
    // The upload is ours, not antd's.
    return false;
  };

  const isUploading = uploadPercent !== null;
  return (
    <>
      <PageTitle title={t('findings.import.title')} />
      <Typography.Paragraph type="secondary">{t('findings.import.intro')}</Typography.Paragraph>
      <Card>
        {importId ? (
          <ImportProgress importId={importId} onAnother={() => setImportId(null)} />
        ) : (
          <Flex vertical gap={12}>
            <Form layout="vertical" requiredMark="optional">
              <Form.Item label={t('findings.system')} htmlFor="scan-system" required style={{ maxWidth: 480 }}>
                <SystemSelect
                  id="scan-system"
                  placeholder={t('findings.import.chooseSystem')}
                  value={systemId}
                  onChange={(value) => {
                    setSystemId(value);
                    setError(null);
                  }}
                />
              </Form.Item>
            </Form>
            <Upload.Dragger
              multiple={false}
              showUploadList={false}
              beforeUpload={beforeUpload}
              disabled={isUploading}
              aria-label={t('findings.import.drop')}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('findings.import.drop')}</p>
              <p className="ant-upload-hint">{t('findings.import.formats')}</p>
            </Upload.Dragger>
            {isUploading && (
              <div role="status" aria-live="polite">
                <Typography.Text>{t('findings.import.uploading')}</Typography.Text>
                <Progress percent={uploadPercent} status="active" aria-label={t('findings.import.progress')} />
              </div>
            )}
            {error && <Alert type="error" showIcon title={error} role="alert" />}
          </Flex>
        )}
      </Card>
    </>
  );
}
