import { useState } from 'react';
import { App, Button, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { RecordLink } from '../../components/record-link.js';
import { useTranslation } from 'react-i18next';
import { can, HOST_LOCATIONS, type Host, type HostDetail } from '@custodian/shared';
import { http, unwrap, apiFetch } from '../../api/client.js';
import { useCurrentUser } from '../../auth/session-context.js';
import { OrgSelect } from '../../components/org-select.js';
import { PageTitle } from '../../components/page-title.js';
import { downloadFile } from '../../lib/download.js';
import { useErrorText } from '../../lib/errors.js';
import { usePagedQuery } from '../../lib/use-paged-query.js';
import { seesManyUnits } from '../systems/system-parts.js';
import { HostFormModal } from './host-form-modal.js';
import { queryKeys } from '../../api/query-keys.js';
import { today } from '../../lib/clock.js';
import { ListError, listEmptyText } from '../../components/list-state.js';
import { SearchBox } from '../../components/search-box.js';
import { useOrgName } from '../../lib/use-org-name.js';

type Filters = { q?: string; orgId?: string; location?: string; active?: string };
type Editing = { mode: 'create' } | { mode: 'edit'; host: HostDetail } | null;

/** Servers in scope: search by name or address, filter by unit, location and state; create, edit, export. */
export function HostsListPage() {
  const { t } = useTranslation();
  const orgName = useOrgName();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Editing>(null);
  const [isExporting, setExporting] = useState(false);
  const { query, filters, setFilter, pagination } = usePagedQuery<'/api/v1/hosts', Filters>({
    key: queryKeys.hosts.list,
    path: '/api/v1/hosts',
    initialFilters: {},
    urlFilters: ['orgId', 'location', 'active'],
  });
  const canEdit = can(user.role, 'host.manage');

  const onExport = async () => {
    setExporting(true);
    try {
      const response = await apiFetch('/exports/hosts.xlsx', { query: filters });
      downloadFile({ content: await response.blob(), filename: `hosts-${today()}.xlsx` });
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setExporting(false);
    }
  };

  const openEdit = async (id: string) => {
    try {
      const host = await queryClient.fetchQuery({
        queryKey: queryKeys.hosts.detail(id),
        queryFn: () => unwrap(http.GET('/api/v1/hosts/{id}', { params: { path: { id } } })),
      });
      setEditing({ mode: 'edit', host });
    } catch (error) {
      void message.error(errorText(error));
    }
  };

  const columns: TableColumnsType<Host> = [
    {
      title: t('hosts.fields.hostname'),
      dataIndex: 'hostname',
      render: (_, h) => (
        <>
          <RecordLink to={`/hosts/${h.id}`} access={h.access}>
            {h.hostname}
          </RecordLink>
          {h.role && (
            <div>
              <Typography.Text type="secondary">{h.role}</Typography.Text>
            </div>
          )}
        </>
      ),
    },
    {
      title: t('hosts.fields.ips'),
      dataIndex: 'ips',
      width: 240,
      render: (ips: string[]) => (ips.length > 0 ? ips.join(', ') : '—'),
    },
    {
      title: t('hosts.fields.unit'),
      dataIndex: 'orgName',
      width: 180,
      render: (_, h) => orgName(h.orgName, h.orgNameEn),
    },
    {
      title: t('hosts.fields.location'),
      dataIndex: 'location',
      width: 200,
      render: (_, h) => (
        <>
          <Tag>{t(`hosts.location.${h.location}`)}</Tag>
          {h.site && <Typography.Text type="secondary">{h.site}</Typography.Text>}
        </>
      ),
    },
    { title: t('hosts.fields.os'), dataIndex: 'os', width: 170, render: (v: string | null) => v ?? '—' },
    { title: t('hosts.fields.systemCount'), dataIndex: 'systemCount', width: 90, align: 'right' },
    {
      title: t('hosts.fields.active'),
      dataIndex: 'isActive',
      width: 100,
      render: (active: boolean) =>
        active ? <Tag color="green">{t('hosts.inService')}</Tag> : <Tag>{t('hosts.outOfService')}</Tag>,
    },
  ];
  if (canEdit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      fixed: 'right',
      render: (_, h) =>
        h.can.edit && (
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => void openEdit(h.id)}
            aria-label={t('hosts.editNamed', { hostname: h.hostname })}
          >
            {t('common.edit')}
          </Button>
        ),
    });
  }

  return (
    <>
      <PageTitle
        title={t('hosts.title')}
        extra={
          <span className="page-toolbar">
            <Button icon={<DownloadOutlined />} loading={isExporting} onClick={() => void onExport()}>
              {t('hosts.export')}
            </Button>
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })}>
                {t('hosts.create')}
              </Button>
            )}
          </span>
        }
      />
      <div className="page-toolbar" role="search">
        <SearchBox
          aria-label={t('hosts.search')}
          placeholder={t('hosts.search')}
          allowClear
          onSearch={(value) => setFilter('q', value.trim() || undefined)}
          style={{ width: 260 }}
        />
        {seesManyUnits(user.role) && (
          <OrgSelect
            aria-label={t('hosts.fields.unit')}
            placeholder={t('hosts.allUnits')}
            kinds={['unit']}
            includeInactive
            allowClear
            value={filters.orgId}
            onChange={(value) => setFilter('orgId', typeof value === 'string' ? value : undefined)}
            style={{ width: 240 }}
          />
        )}
        <Select
          aria-label={t('hosts.fields.location')}
          placeholder={t('hosts.allLocations')}
          allowClear
          value={filters.location}
          onChange={(value?: string) => setFilter('location', value)}
          options={HOST_LOCATIONS.map((l) => ({ value: l, label: t(`hosts.location.${l}`) }))}
          style={{ width: 140 }}
        />
        <Select
          aria-label={t('hosts.fields.active')}
          placeholder={t('common.allStates')}
          allowClear
          value={filters.active}
          onChange={(value?: string) => setFilter('active', value)}
          options={[
            { value: 'true', label: t('hosts.inService') },
            { value: 'false', label: t('hosts.outOfService') },
          ]}
          style={{ width: 140 }}
        />
      </div>
      <ListError query={query} />
      <Table<Host>
        rowKey="id"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        pagination={pagination}
        scroll={{ x: 1250 }}
        locale={{ emptyText: listEmptyText(query, t('hosts.empty')) }}
      />
      {editing && (
        <HostFormModal
          open
          host={editing.mode === 'edit' ? editing.host : undefined}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
