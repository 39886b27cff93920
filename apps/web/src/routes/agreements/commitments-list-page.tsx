import { Select, Table, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { AGREEMENT_FORM_RULES, type CommitmentListItem } from '@custodian/shared';
import { useCurrentUser } from '../../auth/session-context.js';
import { OrgSelect } from '../../components/org-select.js';
import { PageTitle } from '../../components/page-title.js';
import { ListError, listEmptyText } from '../../components/list-state.js';
import { queryKeys } from '../../api/query-keys.js';
import { useOrgName } from '../../lib/use-org-name.js';
import { usePagedQuery } from '../../lib/use-paged-query.js';
import { CommitmentStateTag, useDocumentDate } from './agreement-parts.js';

type Filters = { orgId?: string; expired?: string; expiringWithinDays?: string };

/**
 * 附件二 保密承諾書 across the agreements in scope, soonest last day first: expired ones, or
 * those expiring within N days (the dashboard's cards open it so, ADR 0025).
 */
export function CommitmentsListPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const orgName = useOrgName();
  const formatDate = useDocumentDate();
  const { query, filters, setFilters, setFilter, pagination } = usePagedQuery<'/api/v1/agreement-commitments', Filters>(
    {
      key: queryKeys.agreements.commitmentList,
      path: '/api/v1/agreement-commitments',
      initialFilters: {},
      urlFilters: ['orgId', 'expired', 'expiringWithinDays'],
    },
  );
  const isUnitRole = user.role === 'unit_admin' || user.role === 'unit_member';
  // The seed form's reminder days, and whatever days a card asked for.
  const days = [
    ...new Set([...Object.values(AGREEMENT_FORM_RULES.reminderDays), Number(filters.expiringWithinDays) || 0]),
  ]
    .filter((d) => d > 0)
    .sort((a, b) => b - a);
  const expiry = filters.expired
    ? 'expired'
    : filters.expiringWithinDays
      ? `within:${filters.expiringWithinDays}`
      : undefined;

  const columns: TableColumnsType<CommitmentListItem> = [
    {
      title: t('agreements.commitments.name'),
      dataIndex: 'name',
      render: (_, c) => (
        <>
          <Link to={`/agreements/${c.agreementId}?tab=commitments`}>{c.name}</Link>
          <div>
            <Typography.Text type="secondary">{c.title}</Typography.Text>
          </div>
        </>
      ),
    },
    { title: t('agreements.fields.contract'), dataIndex: 'contractName' },
    ...(isUnitRole
      ? []
      : [
          {
            title: t('agreements.fields.unit'),
            key: 'unit',
            width: 200,
            render: (_: unknown, c: CommitmentListItem) => orgName(c.orgName, null),
          },
        ]),
    {
      title: t('agreements.commitmentList.state'),
      dataIndex: 'state',
      width: 110,
      render: (_, c) => <CommitmentStateTag state={c.state} />,
    },
    {
      title: t('agreements.commitmentList.expiresOn'),
      dataIndex: 'expiresOn',
      width: 200,
      render: (_, c) => (c.expiresOn ? formatDate(c.expiresOn) : '—'),
    },
  ];

  return (
    <>
      <PageTitle title={t('agreements.commitmentList.title')} />
      <div className="page-toolbar" role="search">
        <Select
          aria-label={t('agreements.commitmentList.expiry')}
          placeholder={t('agreements.commitmentList.anyExpiry')}
          allowClear
          value={expiry}
          onChange={(value?: string) =>
            setFilters({
              expired: value === 'expired' ? 'true' : undefined,
              expiringWithinDays: value?.startsWith('within:') ? value.slice('within:'.length) : undefined,
            })
          }
          options={[
            ...days.map((d) => ({ value: `within:${d}`, label: t('agreements.commitmentList.within', { days: d }) })),
            { value: 'expired', label: t('agreements.commitmentList.expired') },
          ]}
          style={{ width: 220 }}
        />
        {!isUnitRole && (
          <OrgSelect
            aria-label={t('agreements.fields.unit')}
            placeholder={t('agreements.allUnits')}
            kinds={['unit']}
            includeInactive
            allowClear
            value={filters.orgId}
            onChange={(value) => setFilter('orgId', typeof value === 'string' ? value : undefined)}
            style={{ width: 240 }}
          />
        )}
      </div>
      <ListError query={query} />
      <Table<CommitmentListItem>
        rowKey="id"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        pagination={pagination}
        scroll={{ x: 900 }}
        locale={{ emptyText: listEmptyText(query, t('agreements.commitmentList.empty')) }}
      />
    </>
  );
}
