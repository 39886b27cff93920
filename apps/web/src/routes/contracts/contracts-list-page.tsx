import { useState } from 'react';
import { Button, Select, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { can, COMPLIANCE_STATUSES, CONTRACT_TYPES, type ContractListItem } from '@custodian/shared';
import { useCurrentUser } from '../../auth/session-context.js';
import { OrgSelect } from '../../components/org-select.js';
import { ExportButtons } from '../../components/export-buttons.js';
import { PageTitle } from '../../components/page-title.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { usePagedQuery } from '../../lib/use-paged-query.js';
import { ComplianceTag } from './compliance-tag.js';
import { ContractFormModal } from './contract-form-modal.js';
import { queryKeys } from '../../api/query-keys.js';
import { ListError, listEmptyText } from '../../components/list-state.js';
import { SearchBox } from '../../components/search-box.js';
import { useOrgName } from '../../lib/use-org-name.js';

type Filters = { q?: string; unitId?: string; type?: string; complianceStatus?: string };

/** Contracts in scope: search by number or name, filter by unit, type and verdict; create; export. */
export function ContractsListPage() {
  const { t } = useTranslation();
  const orgName = useOrgName();
  const user = useCurrentUser();
  const formatDate = useFormatDate();
  const [isCreating, setCreating] = useState(false);
  const { query, filters, setFilter, pagination } = usePagedQuery<'/api/v1/contracts', Filters>({
    key: queryKeys.contracts.list,
    path: '/api/v1/contracts',
    initialFilters: {},
    urlFilters: ['unitId', 'type', 'complianceStatus'],
  });
  const isUnitRole = user.role === 'unit_admin' || user.role === 'unit_member';

  const columns: TableColumnsType<ContractListItem> = [
    {
      title: t('contracts.fields.number'),
      dataIndex: 'number',
      width: 150,
      render: (_, c) => <Link to={`/contracts/${c.id}`}>{c.number}</Link>,
    },
    {
      title: t('contracts.fields.name'),
      dataIndex: 'name',
      render: (_, c) => (
        <>
          <Typography.Text>{c.name}</Typography.Text>
          <div>
            <Typography.Text type="secondary">{t(`contracts.types.${c.type}`)}</Typography.Text>
          </div>
        </>
      ),
    },
    {
      title: t('contracts.fields.compliance'),
      dataIndex: 'complianceStatus',
      width: 120,
      render: (_, c) => <ComplianceTag status={c.complianceStatus} missingCount={c.missingCount} />,
    },
    {
      title: t('contracts.fields.unit'),
      dataIndex: 'unitName',
      width: 170,
      render: (_, c) => orgName(c.unitName, c.unitNameEn),
    },
    {
      title: t('contracts.fields.division'),
      dataIndex: 'divisionName',
      width: 190,
      render: (_, c) => (
        <>
          <Typography.Text>{orgName(c.divisionName, c.divisionNameEn)}</Typography.Text>
          {c.ownerName && (
            <div>
              <Typography.Text type="secondary">{c.ownerName}</Typography.Text>
            </div>
          )}
        </>
      ),
    },
    {
      title: t('contracts.fields.period'),
      key: 'period',
      width: 170,
      render: (_, c) => (
        <>
          <div>{formatDate(c.periodStart, false)} –</div>
          <div>{formatDate(c.periodEnd, false)}</div>
        </>
      ),
    },
    { title: t('contracts.fields.systemCount'), dataIndex: 'systemCount', width: 80, align: 'right' },
  ];

  return (
    <>
      <PageTitle
        title={t('contracts.title')}
        extra={
          <span className="page-toolbar">
            <ExportButtons
              list="contracts"
              query={filters}
              reportLabel={t('contracts.exportReport')}
              templateLabel={t('contracts.export')}
            />
            {can(user.role, 'contract.manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('contracts.create')}
              </Button>
            )}
          </span>
        }
      />
      <div className="page-toolbar" role="search">
        <SearchBox
          aria-label={t('contracts.search')}
          placeholder={t('contracts.search')}
          allowClear
          onSearch={(value) => setFilter('q', value.trim() || undefined)}
          style={{ width: 260 }}
        />
        {!isUnitRole && (
          <OrgSelect
            aria-label={t('contracts.fields.unit')}
            placeholder={t('contracts.allUnits')}
            kinds={['unit']}
            includeInactive
            allowClear
            value={filters.unitId}
            onChange={(value) => setFilter('unitId', typeof value === 'string' ? value : undefined)}
            style={{ width: 240 }}
          />
        )}
        <Select
          aria-label={t('contracts.fields.type')}
          placeholder={t('contracts.allTypes')}
          allowClear
          value={filters.type}
          onChange={(value?: string) => setFilter('type', value)}
          options={CONTRACT_TYPES.map((type) => ({ value: type, label: t(`contracts.types.${type}`) }))}
          style={{ width: 140 }}
        />
        <Select
          aria-label={t('contracts.fields.compliance')}
          placeholder={t('contracts.allCompliance')}
          allowClear
          value={filters.complianceStatus}
          onChange={(value?: string) => setFilter('complianceStatus', value)}
          options={COMPLIANCE_STATUSES.map((s) => ({ value: s, label: t(`contracts.complianceFilter.${s}`) }))}
          style={{ width: 150 }}
        />
      </div>
      <ListError query={query} />
      <Table<ContractListItem>
        rowKey="id"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        pagination={pagination}
        scroll={{ x: 1080 }}
        locale={{ emptyText: listEmptyText(query, t('contracts.empty')) }}
      />
      {isCreating && <ContractFormModal open onClose={() => setCreating(false)} />}
    </>
  );
}
