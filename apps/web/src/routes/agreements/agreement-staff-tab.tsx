import { useState } from 'react';
import { Alert, App, Button, Flex, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, type UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Agreement, AgreementStaff } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { useErrorText } from '../../lib/errors.js';
import { CommitmentStateTag } from './agreement-parts.js';
import { StaffFormModal } from './staff-form-modal.js';
import { useRefreshAgreements } from './use-agreement.js';

/** 附件一: the unit's and its subcontractors' staff on the contract, each with their commitment's state. */
export function AgreementStaffTab(props: { agreement: Agreement; query: UseQueryResult<AgreementStaff[]> }) {
  const { agreement, query } = props;
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const refresh = useRefreshAgreements();
  const [editing, setEditing] = useState<AgreementStaff | 'new' | null>(null);
  const remove = useMutation({
    mutationFn: (person: AgreementStaff) =>
      unwrap(
        http.DELETE('/api/v1/agreements/{id}/staff/{staffId}', {
          params: { path: { id: agreement.id, staffId: person.id } },
        }),
      ),
    onSuccess: async (_, person) => {
      void message.success(t('agreements.staff.removed', { name: person.name }));
      await refresh();
    },
    onError: (error) => void message.error(errorText(error)),
  });
  const canEdit = agreement.can.edit;

  const columns: TableColumnsType<AgreementStaff> = [
    { title: '#', dataIndex: 'position', width: 50, render: (_, __, index) => index + 1 },
    {
      title: t('agreements.staff.name'),
      dataIndex: 'name',
      width: 160,
      render: (_, s) => (
        <>
          <Typography.Text>{s.name}</Typography.Text>
          {s.isSubcontractor && <Tag style={{ marginInlineStart: 8 }}>{t('agreements.staff.subcontractorTag')}</Tag>}
        </>
      ),
    },
    { title: t('agreements.staff.title'), dataIndex: 'title', width: 140 },
    { title: t('agreements.staff.work'), dataIndex: 'work' },
    {
      title: t('agreements.staff.account'),
      dataIndex: 'userId',
      width: 100,
      render: (_, s) =>
        s.userId ? <Tag color="blue">{t('agreements.staff.linked')}</Tag> : t('agreements.staff.noAccount'),
    },
    {
      title: t('agreements.staff.commitment'),
      dataIndex: 'commitmentState',
      width: 110,
      render: (_, s) => <CommitmentStateTag state={s.commitmentState} />,
    },
  ];
  if (canEdit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 190,
      render: (_, s) => (
        <Space>
          <Button
            size="small"
            icon={<EditOutlined />}
            aria-label={t('agreements.staff.editNamed', { name: s.name })}
            onClick={() => setEditing(s)}
          >
            {t('common.edit')}
          </Button>
          <Button
            size="small"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('agreements.staff.removeNamed', { name: s.name })}
            onClick={() =>
              void modal.confirm({
                title: t('agreements.staff.removeConfirm', { name: s.name }),
                okText: t('common.confirm'),
                okButtonProps: { danger: true },
                cancelText: t('common.cancel'),
                onOk: () => remove.mutateAsync(s).catch(() => undefined),
              })
            }
          >
            {t('agreements.staff.remove')}
          </Button>
        </Space>
      ),
    });
  }

  return (
    <>
      {canEdit && (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('agreements.staff.add')}
          </Button>
        </Flex>
      )}
      {query.isError && <Alert type="error" showIcon title={errorText(query.error)} style={{ marginBottom: 12 }} />}
      <Table<AgreementStaff>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={query.data ?? []}
        loading={query.isFetching}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('agreements.staff.empty') }}
      />
      {editing && (
        <StaffFormModal
          agreement={agreement}
          staff={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
