import { Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { RecordLink } from '../../components/record-link.js';
import { useTranslation } from 'react-i18next';
import { ALLOCATION_KINDS, ALLOCATION_STATUSES, type Allocation } from '@custodian/shared';
import { useCurrentUser } from '../../auth/session-context.js';
import { OrgSelect } from '../../components/org-select.js';
import { usePagedQuery } from '../../lib/use-paged-query.js';
import { ExpiryTag, PendingRenewalTag, PeriodText } from './allocation-parts.js';
import { queryKeys } from '../../api/query-keys.js';
import { ListError, listEmptyText } from '../../components/list-state.js';
import { SearchBox } from '../../components/search-box.js';
import { useOrgName } from '../../lib/use-org-name.js';

type Filters = {
  q?: string;
  orgId?: string;
  kind?: string;
  status?: string;
  expiringWithinDays?: string;
  expired?: string;
};

/** The "expiry" filter: one choice sets either expiringWithinDays or expired. */
const EXPIRY_WINDOWS = [30, 60, 90, 180] as const;

/** Every allocation the user may see, with search and filters (unit, kind, status, expiry). */
export function AllocationsList() {
  const { t } = useTranslation();
  const orgName = useOrgName();
  const user = useCurrentUser();
  const { query, filters, setFilter, setFilters, pagination } = usePagedQuery<'/api/v1/allocations', Filters>({
    key: queryKeys.allocations.list,
    path: '/api/v1/allocations',
    initialFilters: {},
    urlFilters: ['orgId', 'kind', 'status', 'expiringWithinDays', 'expired'],
  });
  const isUnitRole = user.role === 'unit_admin' || user.role === 'unit_member';
  const expiryValue = filters.expired ? 'expired' : filters.expiringWithinDays;
  const onExpiry = (value?: string) => {
    setFilters({
      expired: value === 'expired' ? 'true' : undefined,
      expiringWithinDays: value && value !== 'expired' ? value : undefined,
    });
  };

  const columns: TableColumnsType<Allocation> = [
    {
      title: t('allocations.value'),
      dataIndex: 'value',
      width: 190,
      render: (_, a) => (
        <RecordLink
          to={`/allocations/${a.id}`}
          access={a.access}
          aria-label={t('allocations.viewDetail', { value: a.value })}
        >
          <Typography.Text code>{a.value}</Typography.Text>
        </RecordLink>
      ),
    },
    {
      title: t('allocations.kind'),
      dataIndex: 'kind',
      width: 150,
      render: (_, a) => <Tag>{t(`allocations.kinds.${a.kind}`)}</Tag>,
    },
    { title: t('allocations.system'), dataIndex: 'systemName', width: 180 },
    {
      title: t('allocations.unit'),
      dataIndex: 'orgName',
      width: 150,
      render: (_, a) => orgName(a.orgName, a.orgNameEn),
    },
    {
      title: t('allocations.status'),
      key: 'status',
      width: 170,
      render: (_, a) => (
        <>
          <ExpiryTag allocation={a} />
          <PendingRenewalTag allocation={a} />
        </>
      ),
    },
    {
      title: t('allocations.period'),
      key: 'period',
      width: 250,
      render: (_, a) => <PeriodText startsOn={a.startsOn} expiresOn={a.expiresOn} />,
    },
  ];

  return (
    <>
      <div className="page-toolbar" role="search">
        <SearchBox
          aria-label={t('allocations.search')}
          placeholder={t('allocations.search')}
          allowClear
          onSearch={(value) => setFilter('q', value.trim() || undefined)}
          style={{ width: 260 }}
        />
        {!isUnitRole && (
          <OrgSelect
            aria-label={t('allocations.unit')}
            placeholder={t('allocations.allUnits')}
            kinds={['unit']}
            includeInactive
            allowClear
            value={filters.orgId}
            onChange={(value) => setFilter('orgId', typeof value === 'string' ? value : undefined)}
            style={{ width: 240 }}
          />
        )}
        <Select
          aria-label={t('allocations.kind')}
          placeholder={t('allocations.allKinds')}
          allowClear
          value={filters.kind}
          onChange={(value?: string) => setFilter('kind', value)}
          options={ALLOCATION_KINDS.map((k) => ({ value: k, label: t(`allocations.kinds.${k}`) }))}
          style={{ width: 170 }}
        />
        <Select
          aria-label={t('allocations.status')}
          placeholder={t('allocations.allStatuses')}
          allowClear
          value={filters.status}
          onChange={(value?: string) => setFilter('status', value)}
          options={ALLOCATION_STATUSES.map((s) => ({ value: s, label: t(`allocations.statuses.${s}`) }))}
          style={{ width: 130 }}
        />
        <Select
          aria-label={t('allocations.expiry')}
          placeholder={t('allocations.anyExpiry')}
          allowClear
          value={expiryValue}
          onChange={(value?: string) => onExpiry(value)}
          options={[
            ...EXPIRY_WINDOWS.map((days) => ({
              value: String(days),
              label: t('allocations.expiringWithin', { days }),
            })),
            { value: 'expired', label: t('allocations.expiredFilter') },
          ]}
          style={{ width: 170 }}
        />
      </div>
      <ListError query={query} />
      <Table<Allocation>
        rowKey="id"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        pagination={pagination}
        locale={{ emptyText: listEmptyText(query, t('allocations.empty')) }}
        scroll={{ x: 1080 }}
      />
    </>
  );
}
