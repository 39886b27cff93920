import { useId, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Flex, Table, Typography, Upload, type TableColumnsType } from 'antd';
import { DeleteOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { UploadProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_TYPES, attachmentTypeLabel, type Attachment, type AttachmentOwnerType } from '@custodian/shared';
import { uploadAttachment } from '../api/attachments.js';
import { http, unwrap, ApiError, apiUrl } from '../api/client.js';
import { useErrorText } from '../lib/errors.js';
import { useFormatDate } from '../lib/use-format-date.js';
import { queryKeys } from '../api/query-keys.js';
import { SearchBox } from './search-box.js';

export type AttachmentsPanelProps = {
  ownerType: AttachmentOwnerType;
  ownerId: string;
  /** Whether the user may upload and delete here (the server checks again). */
  canEdit: boolean;
};

/** What the file picker offers; the server decides by content anyway. */
const ACCEPT = ATTACHMENT_TYPES.flatMap((t) => t.extensions).join(',');
const PAGE_SIZE = 10;
/** A search box appears once a record has more files than fit on a page. */
const SEARCH_FROM = PAGE_SIZE;

/** 1536 → "1.5 KB", in the UI language's number format (binary multiples). */
export function formatBytes(bytes: number, language: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/**
 * Files attached to a record (contract, risk assessment, system, vendor qualification):
 * list with size, detected type, SHA-256 and uploader; download; upload and delete for
 * those who may change the record.
 */
export function AttachmentsPanel({ ownerType, ownerId, canEdit }: AttachmentsPanelProps) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const queryClient = useQueryClient();
  const headingId = useId();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState<string | undefined>(undefined);

  const queryKey = queryKeys.attachments.owner(ownerType, ownerId);
  const list = useQuery({
    queryKey: [...queryKey, page, q],
    queryFn: () =>
      unwrap(
        http.GET('/api/v1/attachments', { params: { query: { ownerType, ownerId, page, pageSize: PAGE_SIZE, q } } }),
      ),
    placeholderData: keepPreviousData,
  });
  const maxBytes = list.data?.maxBytes;
  const size = (bytes: number) => formatBytes(bytes, i18n.language);
  const refresh = () => queryClient.invalidateQueries({ queryKey });

  /** Server errors in the UI language; the size limit is named when a file is too large. */
  const uploadErrorText = (error: unknown) =>
    error instanceof ApiError && error.code === 'FILE_TOO_LARGE' && maxBytes !== undefined
      ? t('attachments.tooLarge', { size: size(maxBytes) })
      : errorText(error);

  const upload = useMutation({
    mutationFn: (file: File) => uploadAttachment({ ownerType, ownerId }, file, file.name),
    onSuccess: async (created) => {
      void message.success(t('attachments.uploaded', { name: created.fileName }));
      setPage(1);
      await refresh();
    },
    onError: (error) => void message.error(uploadErrorText(error)),
  });

  const remove = useMutation({
    mutationFn: (item: Attachment) =>
      unwrap(http.DELETE('/api/v1/attachments/{id}', { params: { path: { id: item.id } } })),
    onSuccess: async (_, item) => {
      void message.success(t('attachments.deleted', { name: item.fileName }));
      await refresh();
    },
    onError: (error) => void message.error(errorText(error)),
  });

  const beforeUpload: UploadProps['beforeUpload'] = (file) => {
    if (file.size === 0) {
      void message.error(t('attachments.emptyFile'));
      return Upload.LIST_IGNORE;
    }
    if (maxBytes !== undefined && file.size > maxBytes) {
      void message.error(t('attachments.tooLarge', { size: size(maxBytes) }));
      return Upload.LIST_IGNORE;
    }
    return true;
  };

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    if (!(file instanceof File)) {
      return;
    }
    upload.mutate(file, {
      onSuccess: (created) => onSuccess?.(created),
      onError: (error) => onError?.(error instanceof Error ? error : new Error(String(error))),
    });
  };

  const confirmDelete = (item: Attachment) => {
    void modal.confirm({
      title: t('attachments.confirmDelete', { name: item.fileName }),
      content: t('attachments.confirmDeleteText'),
      okText: t('attachments.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => remove.mutateAsync(item).catch(() => undefined),
    });
  };

  const columns: TableColumnsType<Attachment> = [
    {
      title: t('attachments.fileName'),
      dataIndex: 'fileName',
      render: (_, item) => (
        <Typography.Link
          href={apiUrl(`/attachments/${item.id}/download`)}
          download={item.fileName}
          aria-label={t('attachments.downloadNamed', { name: item.fileName })}
        >
          <DownloadOutlined aria-hidden /> {item.fileName}
        </Typography.Link>
      ),
    },
    {
      title: t('attachments.size'),
      dataIndex: 'sizeBytes',
      width: 100,
      align: 'right',
      render: (v: number) => size(v),
    },
    { title: t('attachments.type'), dataIndex: 'mimeType', width: 90, render: (v: string) => attachmentTypeLabel(v) },
    {
      title: t('attachments.sha256'),
      dataIndex: 'sha256',
      width: 190,
      render: (v: string) => (
        <Typography.Text
          code
          title={v}
          copyable={{
            text: v,
            tooltips: [t('attachments.copyHash'), t('common.copied')],
          }}
        >
          {`${v.slice(0, 12)}…`}
        </Typography.Text>
      ),
    },
    {
      title: t('attachments.uploadedBy'),
      dataIndex: 'uploadedByName',
      width: 150,
      render: (v: string | null) => v ?? t('attachments.deletedAccount'),
    },
    { title: t('attachments.uploadedAt'), dataIndex: 'createdAt', width: 200, render: (v: string) => formatDate(v) },
  ];
  if (canEdit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, item) => (
        <Button
          size="small"
          danger
          icon={<DeleteOutlined />}
          onClick={() => confirmDelete(item)}
          aria-label={t('attachments.deleteNamed', { name: item.fileName })}
        >
          {t('attachments.delete')}
        </Button>
      ),
    });
  }

  const total = list.data?.total ?? 0;
  return (
    <section aria-labelledby={headingId} className="attachments-panel">
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 12 }}>
        <Typography.Title level={2} id={headingId} style={{ fontSize: 16, margin: 0 }}>
          {t('attachments.title')}
        </Typography.Title>
        <Flex align="center" wrap gap={12}>
          {(total > SEARCH_FROM || q) && (
            <SearchBox
              aria-label={t('attachments.search')}
              placeholder={t('attachments.search')}
              allowClear
              onSearch={(value) => {
                setQ(value.trim() || undefined);
                setPage(1);
              }}
              style={{ width: 220 }}
            />
          )}
          {canEdit && (
            <Upload
              accept={ACCEPT}
              showUploadList={false}
              multiple={false}
              beforeUpload={beforeUpload}
              customRequest={customRequest}
              disabled={upload.isPending}
            >
              {/* The Upload wrapper is the focusable button; this one only shows it. */}
              <Button icon={<UploadOutlined />} loading={upload.isPending} tabIndex={-1}>
                {upload.isPending ? t('attachments.uploading') : t('attachments.upload')}
              </Button>
            </Upload>
          )}
        </Flex>
      </Flex>
      {canEdit && maxBytes !== undefined && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {t('attachments.hint', { size: size(maxBytes) })}
        </Typography.Paragraph>
      )}
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 12 }} />}
      <Table<Attachment>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 900 }}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={canEdit ? t('attachments.emptyCanEdit') : t('attachments.empty')}
            />
          ),
        }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total,
          hideOnSinglePage: true,
          showTotal: (count) => t('common.total', { count }),
          onChange: setPage,
        }}
      />
    </section>
  );
}
