import { useState } from 'react';
import { App, Button, Popconfirm, Select, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import {
  EditOutlined,
  MailOutlined,
  PlusOutlined,
  StopOutlined,
  UnlockOutlined,
  CheckOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { can, ROLES } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import type { User, UserCreated } from '../../api/types.js';
import { useCurrentUser } from '../../auth/session-context.js';
import { OrgSelect } from '../../components/org-select.js';
import { PageTitle } from '../../components/page-title.js';
import { useErrorText } from '../../lib/errors.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { usePagedQuery } from '../../lib/use-paged-query.js';
import { InviteLinkModal } from './invite-link-modal.js';
import { UserFormModal } from './user-form-modal.js';
import { listKey, queryKeys } from '../../api/query-keys.js';
import { now } from '../../lib/clock.js';
import { ListError, listEmptyText } from '../../components/list-state.js';
import { SearchBox } from '../../components/search-box.js';
import { useOrgName } from '../../lib/use-org-name.js';

type Filters = { q?: string; role?: string; orgId?: string; active?: string };
type Editing = { mode: 'create' } | { mode: 'edit'; user: User } | null;
type Invite = { url: string; email: string; emailed: boolean } | null;

function isLocked(user: User): boolean {
  return user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > now().getTime();
}

/** Accounts in scope: search and filter, create with an invitation, edit, disable, unlock. */
export function UsersPage() {
  const { t } = useTranslation();
  const orgName = useOrgName();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const [editing, setEditing] = useState<Editing>(null);
  const [invite, setInvite] = useState<Invite>(null);
  const { query, filters, setFilter, pagination } = usePagedQuery<'/api/v1/users', Filters>({
    key: queryKeys.users.list,
    path: '/api/v1/users',
    initialFilters: {},
  });
  const canManage = can(me.role, 'users.manage');

  const run = async (action: () => Promise<unknown>, success: string) => {
    try {
      await action();
      void message.success(success);
      await queryClient.invalidateQueries({ queryKey: listKey(queryKeys.users.list) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.dashboard.all });
    } catch (error) {
      void message.error(errorText(error));
    }
  };
  const patch = (user: User, body: object, success: string) =>
    run(() => unwrap(http.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body })), success);
  const reinvite = async (user: User) => {
    try {
      const result = await unwrap(http.POST('/api/v1/users/{id}/invite', { params: { path: { id: user.id } } }));
      setInvite({ url: result.inviteUrl, email: user.email, emailed: false });
    } catch (error) {
      void message.error(errorText(error));
    }
  };

  const columns: TableColumnsType<User> = [
    { title: t('users.name'), dataIndex: 'name', width: 150 },
    { title: t('users.email'), dataIndex: 'email' },
    {
      title: t('users.role'),
      dataIndex: 'role',
      width: 150,
      render: (_, u) => <Tag color="blue">{t(`roles.${u.role}`)}</Tag>,
    },
    {
      title: t('users.organisation'),
      dataIndex: 'orgName',
      width: 180,
      render: (_, u) => orgName(u.orgName, u.orgNameEn),
    },
    {
      title: t('users.status'),
      key: 'status',
      width: 200,
      render: (_, u) => (
        <Space size={[0, 4]} wrap>
          {u.isActive ? <Tag color="green">{t('common.active')}</Tag> : <Tag color="red">{t('users.disabled')}</Tag>}
          {isLocked(u) && <Tag color="orange">{t('users.locked')}</Tag>}
          {!u.hasPassword && <Tag color="gold">{t('users.invited')}</Tag>}
          {u.mfaEnabled && <Tag color="cyan">MFA</Tag>}
        </Space>
      ),
    },
    { title: t('users.lastLogin'), dataIndex: 'lastLoginAt', width: 210, render: (v: string | null) => formatDate(v) },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      // Keep the row actions visible while the table scrolls sideways.
      fixed: 'right',
      render: (_, u) => (
        <Space size={4} wrap>
          {u.can.edit && (
            <Tooltip title={t('common.edit')}>
              <Button
                size="small"
                icon={<EditOutlined />}
                aria-label={t('users.editNamed', { name: u.name })}
                onClick={() => setEditing({ mode: 'edit', user: u })}
              />
            </Tooltip>
          )}
          {u.can.edit && u.id !== me.id && (
            <Popconfirm
              title={
                u.isActive ? t('users.disableConfirm', { name: u.name }) : t('users.enableConfirm', { name: u.name })
              }
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() =>
                patch(u, { isActive: !u.isActive }, u.isActive ? t('users.disabledDone') : t('users.enabledDone'))
              }
            >
              <Tooltip title={u.isActive ? t('users.disable') : t('users.enable')}>
                <Button
                  size="small"
                  danger={u.isActive}
                  icon={u.isActive ? <StopOutlined /> : <CheckOutlined />}
                  aria-label={
                    u.isActive ? t('users.disableNamed', { name: u.name }) : t('users.enableNamed', { name: u.name })
                  }
                />
              </Tooltip>
            </Popconfirm>
          )}
          {u.can.edit && isLocked(u) && (
            <Tooltip title={t('users.unlock')}>
              <Button
                size="small"
                icon={<UnlockOutlined />}
                aria-label={t('users.unlockNamed', { name: u.name })}
                onClick={() => void patch(u, { unlock: true }, t('users.unlocked'))}
              />
            </Tooltip>
          )}
          {u.can.reinvite && !u.hasPassword && (
            <Tooltip title={t('users.reinvite')}>
              <Button
                size="small"
                icon={<MailOutlined />}
                aria-label={t('users.reinviteNamed', { name: u.name })}
                onClick={() => void reinvite(u)}
              />
            </Tooltip>
          )}
        </Space>
      ),
    });
  }

  const onCreated = (created: UserCreated) => {
    setInvite({ url: created.inviteUrl, email: created.user.email, emailed: created.inviteEmailed });
  };

  return (
    <>
      <PageTitle
        title={t('users.title')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })}>
              {t('users.create')}
            </Button>
          )
        }
      />
      <div className="page-toolbar" role="search">
        <SearchBox
          aria-label={t('users.search')}
          placeholder={t('users.search')}
          allowClear
          onSearch={(value) => setFilter('q', value.trim() || undefined)}
          style={{ width: 260 }}
        />
        <Select
          aria-label={t('users.role')}
          placeholder={t('users.allRoles')}
          allowClear
          value={filters.role}
          onChange={(value?: string) => setFilter('role', value)}
          options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          style={{ width: 170 }}
        />
        <OrgSelect
          aria-label={t('users.organisation')}
          placeholder={t('users.allOrgs')}
          allowClear
          includeInactive
          value={filters.orgId}
          onChange={(value) => setFilter('orgId', typeof value === 'string' ? value : undefined)}
          style={{ width: 240 }}
        />
        <Select
          aria-label={t('users.status')}
          placeholder={t('common.allStates')}
          allowClear
          value={filters.active}
          onChange={(value?: string) => setFilter('active', value)}
          options={[
            { value: 'true', label: t('common.active') },
            { value: 'false', label: t('users.disabled') },
          ]}
          style={{ width: 130 }}
        />
      </div>
      <ListError query={query} />
      <Table<User>
        rowKey="id"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        locale={{ emptyText: listEmptyText(query, undefined) }}
        pagination={pagination}
        scroll={{ x: 1200 }}
      />
      {editing && (
        <UserFormModal
          user={editing.mode === 'edit' ? editing.user : undefined}
          onClose={() => setEditing(null)}
          onCreated={onCreated}
        />
      )}
      {invite && (
        <InviteLinkModal
          url={invite.url}
          email={invite.email}
          emailed={invite.emailed}
          onClose={() => setInvite(null)}
        />
      )}
    </>
  );
}
