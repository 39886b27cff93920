import { useState } from 'react';
import { Button, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { can, creatableOrgKinds, ORG_KINDS } from '@custodian/shared';
import type { Organisation } from '../../api/types.js';
import { useCurrentUser } from '../../auth/session-context.js';
import { PageTitle } from '../../components/page-title.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { usePagedQuery } from '../../lib/use-paged-query.js';
import { OrganisationFormModal } from './organisation-form-modal.js';
import { queryKeys } from '../../api/query-keys.js';
import { ListError, listEmptyText } from '../../components/list-state.js';
import { SearchBox } from '../../components/search-box.js';
import { useOrgName } from '../../lib/use-org-name.js';

type Filters = { q?: string; kind?: string; active?: string };
type Editing = { mode: 'create' } | { mode: 'edit'; organisation: Organisation } | null;

/** Organisations in scope: search, filter by kind and state, create and edit. */
export function OrganisationsPage() {
  const { t } = useTranslation();
  const orgName = useOrgName();
  const user = useCurrentUser();
  const formatDate = useFormatDate();
  const [editing, setEditing] = useState<Editing>(null);
  const { query, filters, setFilter, pagination } = usePagedQuery<'/api/v1/organisations', Filters>({
    key: queryKeys.organisations.list,
    path: '/api/v1/organisations',
    initialFilters: {},
  });
  const canCreate = creatableOrgKinds(user.role).length > 0;
  const canEdit = can(user.role, 'organisations.manage');

  const columns: TableColumnsType<Organisation> = [
    { title: t('organisations.code'), dataIndex: 'code', width: 140 },
    {
      title: t('organisations.name'),
      dataIndex: 'name',
      // The name in the interface's language first, the other one under it.
      render: (_, org) => {
        const shown = orgName(org.name, org.nameEn);
        const other = shown === org.name ? org.nameEn : org.name;
        return (
          <>
            <Typography.Text>{shown}</Typography.Text>
            {other && (
              <div>
                <Typography.Text type="secondary">{other}</Typography.Text>
              </div>
            )}
          </>
        );
      },
    },
    {
      title: t('organisations.kind'),
      dataIndex: 'kind',
      width: 230,
      render: (_, org) => (
        <>
          <Tag>{t(`orgKinds.${org.kind}`)}</Tag>
          {org.unitType && <Tag variant="outlined">{t(`unitTypes.${org.unitType}`)}</Tag>}
        </>
      ),
    },
    {
      title: t('organisations.parent'),
      dataIndex: 'parentName',
      width: 180,
      render: (_, org) => orgName(org.parentName, org.parentNameEn) ?? '—',
    },
    { title: t('organisations.userCount'), dataIndex: 'userCount', width: 90, align: 'right' },
    {
      title: t('organisations.status'),
      dataIndex: 'isActive',
      width: 100,
      render: (active: boolean) =>
        active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>,
    },
    { title: t('common.createdAt'), dataIndex: 'createdAt', width: 210, render: (v: string) => formatDate(v) },
  ];
  if (canEdit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      // Keep the row actions visible while the table scrolls sideways.
      fixed: 'right',
      render: (_, org) => (
        <Button
          size="small"
          icon={<EditOutlined />}
          onClick={() => setEditing({ mode: 'edit', organisation: org })}
          aria-label={t('organisations.editNamed', { name: orgName(org.name, org.nameEn) })}
        >
          {t('common.edit')}
        </Button>
      ),
    });
  }

  return (
    <>
      <PageTitle
        title={t('organisations.title')}
        extra={
          canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })}>
              {t('organisations.create')}
            </Button>
          )
        }
      />
      <div className="page-toolbar" role="search">
        <SearchBox
          aria-label={t('organisations.search')}
          placeholder={t('organisations.search')}
          allowClear
          onSearch={(value) => setFilter('q', value.trim() || undefined)}
          style={{ width: 280 }}
        />
        <Select
          aria-label={t('organisations.kind')}
          placeholder={t('organisations.allKinds')}
          allowClear
          value={filters.kind}
          onChange={(value?: string) => setFilter('kind', value)}
          options={ORG_KINDS.map((k) => ({ value: k, label: t(`orgKinds.${k}`) }))}
          style={{ width: 160 }}
        />
        <Select
          aria-label={t('organisations.status')}
          placeholder={t('common.allStates')}
          allowClear
          value={filters.active}
          onChange={(value?: string) => setFilter('active', value)}
          options={[
            { value: 'true', label: t('common.active') },
            { value: 'false', label: t('common.inactive') },
          ]}
          style={{ width: 140 }}
        />
      </div>
      <ListError query={query} />
      <Table<Organisation>
        rowKey="id"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        locale={{ emptyText: listEmptyText(query, undefined) }}
        pagination={pagination}
        scroll={{ x: 1350 }}
      />
      {editing && (
        <OrganisationFormModal
          open
          organisation={editing.mode === 'edit' ? editing.organisation : undefined}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
