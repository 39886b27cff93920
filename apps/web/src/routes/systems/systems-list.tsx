import { useState } from 'react';
import { App, Button, Select, Table, Typography, type TableColumnsType } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { RecordLink } from '../../components/record-link.js';
import { useTranslation } from 'react-i18next';
import {
  can,
  CONTACT_KINDS,
  MAX_BULK_CONFIRM,
  PROTECTION_LEVELS,
  SYSTEM_STATUSES,
  type System,
} from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { useCurrentUser } from '../../auth/session-context.js';
import { OrgSelect } from '../../components/org-select.js';
import { useErrorText } from '../../lib/errors.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import type { usePagedQuery } from '../../lib/use-paged-query.js';
import { ContactsStateTags, ProtectionTag, SystemStatusTag, seesManyUnits } from './system-parts.js';
import { listKey, queryKeys } from '../../api/query-keys.js';
import { ListError, listEmptyText } from '../../components/list-state.js';
import { SearchBox } from '../../components/search-box.js';
import { useOrgName } from '../../lib/use-org-name.js';

export type SystemFilters = {
  q?: string;
  orgId?: string;
  status?: string;
  protectionLevel?: string;
  contactsOverdue?: string;
};

/** Only live systems with all three contacts can be confirmed. */
const isConfirmable = (s: System) => s.can.confirmContacts && s.contactCount >= CONTACT_KINDS.length;

/** The systems table with its filters and the bulk confirmation of contacts. */
export function SystemsList({ paged }: { paged: ReturnType<typeof usePagedQuery<'/api/v1/systems', SystemFilters>> }) {
  const { t } = useTranslation();
  const orgName = useOrgName();
  const { message, modal } = App.useApp();
  const user = useCurrentUser();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<string[]>([]);
  const [isConfirming, setConfirming] = useState(false);
  const { query, filters, setFilter, pagination } = paged;
  // Bulk confirmation is for holders of contacts.confirm; each row's `can` says which systems.
  const canEdit = can(user.role, 'contacts.confirm');

  const confirmSelected = async () => {
    setConfirming(true);
    try {
      const result = await unwrap(http.POST('/api/v1/systems/contacts/confirm', { body: { systemIds: selected } }));
      void message.success(t('systems.bulk.done', { count: result.items.length }));
      setSelected([]);
      await queryClient.invalidateQueries({ queryKey: listKey(queryKeys.systems.list) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.systems.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.systems.allContacts });
      void queryClient.invalidateQueries({ queryKey: listKey(queryKeys.systems.overdueSummary) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.obligations.all });
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setConfirming(false);
    }
  };

  const askConfirm = () => {
    void modal.confirm({
      title: t('systems.bulk.confirmTitle', { count: selected.length }),
      content: t('systems.bulk.confirmText'),
      okText: t('systems.bulk.confirmOk'),
      cancelText: t('common.cancel'),
      onOk: confirmSelected,
    });
  };

  const columns: TableColumnsType<System> = [
    {
      title: t('systems.fields.name'),
      dataIndex: 'name',
      render: (_, s) => (
        <>
          <RecordLink to={`/systems/${s.id}`} access={s.access}>
            {s.name}
          </RecordLink>
          {s.urls[0] && (
            <div>
              <Typography.Text type="secondary" ellipsis>
                {s.urls[0]}
                {s.urls.length > 1 ? ` (+${s.urls.length - 1})` : ''}
              </Typography.Text>
            </div>
          )}
        </>
      ),
    },
    {
      title: t('systems.fields.unit'),
      dataIndex: 'orgName',
      width: 180,
      render: (_, s) => orgName(s.orgName, s.orgNameEn),
    },
    {
      title: t('systems.fields.status'),
      dataIndex: 'status',
      width: 110,
      render: (_, s) => <SystemStatusTag status={s.status} />,
    },
    {
      title: t('systems.fields.protectionLevel'),
      dataIndex: 'protectionLevel',
      width: 130,
      render: (_, s) => <ProtectionTag level={s.protectionLevel} />,
    },
    {
      title: t('systems.fields.launchDate'),
      dataIndex: 'launchDate',
      width: 150,
      render: (v: string | null) => formatDate(v, false),
    },
    {
      title: t('systems.fields.contacts'),
      key: 'contacts',
      width: 260,
      render: (_, s) => <ContactsStateTags system={s} />,
    },
  ];

  return (
    <>
      <div className="page-toolbar" role="search">
        <SearchBox
          aria-label={t('systems.search')}
          placeholder={t('systems.search')}
          allowClear
          onSearch={(value) => setFilter('q', value.trim() || undefined)}
          style={{ width: 260 }}
        />
        {seesManyUnits(user.role) && (
          <OrgSelect
            aria-label={t('systems.fields.unit')}
            placeholder={t('systems.allUnits')}
            kinds={['unit']}
            includeInactive
            allowClear
            value={filters.orgId}
            onChange={(value) => setFilter('orgId', typeof value === 'string' ? value : undefined)}
            style={{ width: 240 }}
          />
        )}
        <Select
          aria-label={t('systems.fields.status')}
          placeholder={t('systems.allStatuses')}
          allowClear
          value={filters.status}
          onChange={(value?: string) => setFilter('status', value)}
          options={SYSTEM_STATUSES.map((s) => ({ value: s, label: t(`systems.status.${s}`) }))}
          style={{ width: 130 }}
        />
        <Select
          aria-label={t('systems.fields.protectionLevel')}
          placeholder={t('systems.allProtectionLevels')}
          allowClear
          value={filters.protectionLevel}
          onChange={(value?: string) => setFilter('protectionLevel', value)}
          options={PROTECTION_LEVELS.map((l) => ({ value: l, label: t(`systems.protection.${l}`) }))}
          style={{ width: 140 }}
        />
        <Select
          aria-label={t('systems.fields.contacts')}
          placeholder={t('systems.allContactStates')}
          allowClear
          value={filters.contactsOverdue}
          onChange={(value?: string) => setFilter('contactsOverdue', value)}
          options={[
            { value: 'true', label: t('systems.contactsFilter.overdue') },
            { value: 'false', label: t('systems.contactsFilter.current') },
          ]}
          style={{ width: 170 }}
        />
      </div>
      {canEdit && (
        <div className="page-toolbar">
          <Button
            icon={<CheckCircleOutlined />}
            disabled={selected.length === 0 || selected.length > MAX_BULK_CONFIRM}
            loading={isConfirming}
            onClick={askConfirm}
          >
            {t('systems.bulk.button', { count: selected.length })}
          </Button>
          <Typography.Text type="secondary">{t('systems.bulk.hint', { max: MAX_BULK_CONFIRM })}</Typography.Text>
        </div>
      )}
      <ListError query={query} />
      <Table<System>
        rowKey="id"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        pagination={pagination}
        scroll={{ x: 1000 }}
        locale={{ emptyText: listEmptyText(query, t('systems.empty')) }}
        rowSelection={
          canEdit
            ? {
                selectedRowKeys: selected,
                preserveSelectedRowKeys: true,
                onChange: (keys) => setSelected(keys.map(String)),
                getCheckboxProps: (s) => ({
                  disabled: !isConfirmable(s),
                  title: isConfirmable(s) ? undefined : t('systems.bulk.notConfirmable'),
                  'aria-label': t('systems.bulk.select', { name: s.name }),
                }),
              }
            : undefined
        }
      />
    </>
  );
}
