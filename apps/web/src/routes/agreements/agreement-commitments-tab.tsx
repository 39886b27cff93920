import { useState } from 'react';
import { Alert, App, Button, Flex, Space, Table, type TableColumnsType } from 'antd';
import { DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, type UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Agreement, AgreementStaff, Commitment } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { useErrorText } from '../../lib/errors.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { CommitmentStateTag } from './agreement-parts.js';
import { CommitmentFormModal } from './commitment-form-modal.js';
import { CommitmentSignModal } from './commitment-sign-modal.js';
import { NationalIdReveal } from './national-id-reveal.js';
import { downloadCommitmentDocument, useRefreshAgreements, type DocumentFormat } from './use-agreement.js';

type Editing = { kind: 'new' } | { kind: 'edit'; commitment: Commitment } | { kind: 'sign'; commitment: Commitment };

/** 附件二: one 保密承諾書 per person, masked ID with reveal, documents, signed scan, state. */
export function AgreementCommitmentsTab(props: {
  agreement: Agreement;
  query: UseQueryResult<Commitment[]>;
  staff: AgreementStaff[];
}) {
  const { agreement, query, staff } = props;
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const refresh = useRefreshAgreements();
  const [editing, setEditing] = useState<Editing | null>(null);
  const remove = useMutation({
    mutationFn: (commitment: Commitment) =>
      unwrap(http.DELETE('/api/v1/agreement-commitments/{id}', { params: { path: { id: commitment.id } } })),
    onSuccess: async () => {
      void message.success(t('agreements.commitments.deleted'));
      await refresh();
    },
    onError: (error) => void message.error(errorText(error)),
  });
  const download = async (commitment: Commitment, format: DocumentFormat) => {
    try {
      await downloadCommitmentDocument({ commitmentId: commitment.id, format });
    } catch (error) {
      void message.error(t('agreements.documents.failed', { error: errorText(error) }));
    }
  };

  const columns: TableColumnsType<Commitment> = [
    { title: t('agreements.commitments.name'), dataIndex: 'name', width: 100 },
    { title: t('agreements.commitments.title'), dataIndex: 'title', width: 100 },
    {
      title: t('agreements.commitments.nationalId'),
      dataIndex: 'nationalIdMasked',
      width: 170,
      render: (_, c) => <NationalIdReveal commitment={c} />,
    },
    {
      title: t('agreements.commitments.signedOn'),
      dataIndex: 'signedOn',
      width: 150,
      render: (_, c) =>
        c.signedOn ? (
          <>
            <div>{formatDate(c.signedOn, false)}</div>
            <div style={{ color: 'rgba(0,0,0,0.55)' }}>
              {c.confirmedAt
                ? `${t('agreements.commitments.byConfirm')} ${formatDate(c.confirmedAt)}`
                : t('agreements.commitments.byScan')}
            </div>
          </>
        ) : (
          '—'
        ),
    },
    {
      title: t('agreements.commitments.expiresOn'),
      dataIndex: 'expiresOn',
      width: 130,
      render: (_, c) => (c.expiresOn ? formatDate(c.expiresOn, false) : '—'),
    },
    {
      title: t('agreements.commitments.state'),
      dataIndex: 'state',
      width: 190,
      render: (_, c) => (
        <Space wrap size={4}>
          <CommitmentStateTag state={c.state} />
          {c.can.edit && c.state !== 'valid' && (
            <Button
              size="small"
              icon={<UploadOutlined />}
              aria-label={t('agreements.commitments.signNamed', { name: c.name })}
              onClick={() => setEditing({ kind: 'sign', commitment: c })}
            >
              {t('agreements.commitments.sign')}
            </Button>
          )}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 240,
      render: (_, c) => (
        <Space wrap size={4}>
          <Button
            size="small"
            icon={<DownloadOutlined />}
            aria-label={t('agreements.documents.commitmentDocx', { name: c.name })}
            onClick={() => void download(c, 'docx')}
          >
            DOCX
          </Button>
          <Button
            size="small"
            icon={<DownloadOutlined />}
            aria-label={t('agreements.documents.commitmentPdf', { name: c.name })}
            onClick={() => void download(c, 'pdf')}
          >
            PDF
          </Button>
          {c.can.edit && (
            <Button
              size="small"
              icon={<EditOutlined />}
              aria-label={t('agreements.commitments.editNamed', { name: c.name })}
              onClick={() => setEditing({ kind: 'edit', commitment: c })}
            />
          )}
          {c.can.delete && (
            <Button
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('agreements.commitments.deleteNamed', { name: c.name })}
              onClick={() =>
                void modal.confirm({
                  title: t('agreements.commitments.deleteConfirm', { name: c.name }),
                  okText: t('common.confirm'),
                  okButtonProps: { danger: true },
                  cancelText: t('common.cancel'),
                  onOk: () => remove.mutateAsync(c).catch(() => undefined),
                })
              }
            />
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      {agreement.can.edit && (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ kind: 'new' })}>
            {t('agreements.commitments.add')}
          </Button>
        </Flex>
      )}
      {query.isError && <Alert type="error" showIcon title={errorText(query.error)} style={{ marginBottom: 12 }} />}
      <Table<Commitment>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={query.data ?? []}
        loading={query.isFetching}
        pagination={false}
        scroll={{ x: 1080 }}
        locale={{ emptyText: t('agreements.commitments.empty') }}
      />
      {editing?.kind === 'new' && (
        <CommitmentFormModal agreement={agreement} staff={staff} onClose={() => setEditing(null)} />
      )}
      {editing?.kind === 'edit' && (
        <CommitmentFormModal
          agreement={agreement}
          staff={staff}
          commitment={editing.commitment}
          onClose={() => setEditing(null)}
        />
      )}
      {editing?.kind === 'sign' && (
        <CommitmentSignModal commitment={editing.commitment} onClose={() => setEditing(null)} />
      )}
    </>
  );
}
