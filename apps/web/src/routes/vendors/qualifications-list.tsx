import { useState } from 'react';
import { App, Button, Popconfirm, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  QUALIFICATION_KINDS,
  QUALIFICATION_STATUSES,
  type QualificationStatus,
  type VendorQualification,
} from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { OrgSelect } from '../../components/org-select.js';
import { useErrorText } from '../../lib/errors.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { usePagedQuery } from '../../lib/use-paged-query.js';
import { QualificationFormModal } from './qualification-form-modal.js';
import { QualificationStatusTag, useDaysText } from './qualification-status.js';
import { listKey, queryKeys } from '../../api/query-keys.js';
import { ListError, listEmptyText } from '../../components/list-state.js';
import { SearchBox } from '../../components/search-box.js';
import { useOrgName } from '../../lib/use-org-name.js';

export type ListFilters = { q?: string; orgId?: string; kind?: string; status?: string };

/** Deletes a qualification (with its attachments) after confirmation. */
export function useDeleteQualification(): (q: VendorQualification, after?: () => void) => Promise<void> {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  return async (qualification, after) => {
    try {
      await unwrap(http.DELETE('/api/v1/vendor-qualifications/{id}', { params: { path: { id: qualification.id } } }));
      void message.success(t('vendors.deleted'));
      await queryClient.invalidateQueries({ queryKey: listKey(queryKeys.vendors.list) });
      void queryClient.invalidateQueries({ queryKey: listKey(queryKeys.vendors.summary) });
      after?.();
    } catch (error) {
      void message.error(errorText(error));
    }
  };
}

/** Qualifications in scope with search, filters and validity tags. */
export function QualificationsList(props: { canEdit: boolean; initialOrgId?: string }) {
  const { canEdit } = props;
  const { t } = useTranslation();
  const orgName = useOrgName();
  const formatDate = useFormatDate();
  const daysText = useDaysText();
  const remove = useDeleteQualification();
  const [editing, setEditing] = useState<VendorQualification | null>(null);
  const { query, filters, setFilter, pagination } = usePagedQuery<'/api/v1/vendor-qualifications', ListFilters>({
    key: queryKeys.vendors.list,
    path: '/api/v1/vendor-qualifications',
    initialFilters: { orgId: props.initialOrgId },
    urlFilters: ['kind', 'status'],
  });

  const columns: TableColumnsType<VendorQualification> = [
    {
      title: t('vendors.organisation'),
      key: 'org',
      width: 200,
      render: (_, q) => (
        <>
          <div>{orgName(q.orgName, q.orgNameEn)}</div>
          <Typography.Text type="secondary">
            {q.parentOrgName
              ? t('vendors.forUnit', { name: orgName(q.parentOrgName, q.parentOrgNameEn) })
              : t(`vendors.orgKinds.${q.orgKind}`)}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('vendors.name'),
      key: 'name',
      render: (_, q) => (
        <>
          <Link to={`/vendors/${q.id}`} aria-label={t('vendors.viewNamed', { name: q.name })}>
            {q.name}
          </Link>
          <div>
            <Tag>{t(`vendors.kinds.${q.kind}`)}</Tag>
            {q.attachmentCount > 0 && (
              <Tag icon={<PaperClipOutlined />}>{t('vendors.attachmentCount', { count: q.attachmentCount })}</Tag>
            )}
          </div>
        </>
      ),
    },
    { title: t('vendors.certificateNumber'), dataIndex: 'certificateNumber', width: 150, render: (v) => v ?? '—' },
    {
      title: t('vendors.expiresOn'),
      key: 'expiry',
      width: 160,
      render: (_, q) => (
        <>
          <div>{q.expiresOn ? formatDate(q.expiresOn, false) : '—'}</div>
          <Typography.Text type="secondary">{daysText(q.daysToExpiry)}</Typography.Text>
        </>
      ),
    },
    {
      title: t('vendors.status'),
      dataIndex: 'status',
      width: 120,
      render: (status: QualificationStatus) => <QualificationStatusTag status={status} />,
    },
  ];
  if (canEdit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 180,
      fixed: 'right',
      render: (_, q) => (
        <Space>
          {q.can.edit && (
            <Button
              size="small"
              icon={<EditOutlined />}
              onClick={() => setEditing(q)}
              aria-label={t('vendors.editNamed', { name: q.name })}
            >
              {t('common.edit')}
            </Button>
          )}
          {q.can.delete && (
            <Popconfirm
              title={t('vendors.deleteConfirm')}
              okText={t('vendors.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => remove(q)}
            >
              <Button
                size="small"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('vendors.deleteNamed', { name: q.name })}
              >
                {t('vendors.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    });
  }

  return (
    <>
      <div className="page-toolbar" role="search">
        <SearchBox
          aria-label={t('vendors.search')}
          placeholder={t('vendors.search')}
          allowClear
          onSearch={(value) => setFilter('q', value.trim() || undefined)}
          style={{ width: 300 }}
        />
        <OrgSelect
          aria-label={t('vendors.organisation')}
          kinds={['vendor', 'unit']}
          includeInactive
          allowClear
          placeholder={t('vendors.allOrganisations')}
          value={filters.orgId}
          onChange={(value) => setFilter('orgId', typeof value === 'string' ? value : undefined)}
          style={{ width: 240 }}
        />
        <Select
          aria-label={t('vendors.kind')}
          placeholder={t('vendors.allKinds')}
          allowClear
          value={filters.kind}
          onChange={(value?: string) => setFilter('kind', value)}
          options={QUALIFICATION_KINDS.map((k) => ({ value: k, label: t(`vendors.kinds.${k}`) }))}
          style={{ width: 220 }}
        />
        <Select
          aria-label={t('vendors.status')}
          placeholder={t('vendors.allStatuses')}
          allowClear
          value={filters.status}
          onChange={(value?: string) => setFilter('status', value)}
          options={QUALIFICATION_STATUSES.map((s) => ({ value: s, label: t(`vendors.statuses.${s}`) }))}
          style={{ width: 150 }}
        />
      </div>
      <ListError query={query} />
      <Table<VendorQualification>
        rowKey="id"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        pagination={pagination}
        locale={{ emptyText: listEmptyText(query, t('vendors.empty')) }}
        scroll={{ x: 1030 }}
      />
      {editing && <QualificationFormModal qualification={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
