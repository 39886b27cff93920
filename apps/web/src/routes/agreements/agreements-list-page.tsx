import { useState } from 'react';
import { Button, Table, Typography, type TableColumnsType } from 'antd';
import { FieldTimeOutlined, FileDoneOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { can, type Agreement } from '@custodian/shared';
import { useCurrentUser } from '../../auth/session-context.js';
import { OrgSelect } from '../../components/org-select.js';
import { PageTitle } from '../../components/page-title.js';
import { ListError, listEmptyText } from '../../components/list-state.js';
import { queryKeys } from '../../api/query-keys.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { usePagedQuery } from '../../lib/use-paged-query.js';
import { AgreementFormModal } from './agreement-form-modal.js';
import { AgreementStatusTag } from './agreement-parts.js';
import { ContractPicker } from './contract-picker.js';

type Filters = { contractId?: string; orgId?: string };

/** 保密合約書 in scope, by contract and unit, with their staff and valid commitments; create. */
export function AgreementsListPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const formatDate = useFormatDate();
  const [isCreating, setCreating] = useState(false);
  const { query, filters, setFilter, pagination } = usePagedQuery<'/api/v1/agreements', Filters>({
    key: queryKeys.agreements.list,
    path: '/api/v1/agreements',
    initialFilters: {},
    urlFilters: ['contractId', 'orgId'],
  });
  const isUnitRole = user.role === 'unit_admin' || user.role === 'unit_member';

  const columns: TableColumnsType<Agreement> = [
    {
      title: t('agreements.fields.contract'),
      dataIndex: 'contractNumber',
      render: (_, a) => (
        <>
          <Link to={`/agreements/${a.id}`}>{`${a.contractNumber} ${a.contractName}`}</Link>
          <div>
            <Typography.Text type="secondary">{a.purpose}</Typography.Text>
          </div>
        </>
      ),
    },
    { title: t('agreements.fields.partyB'), dataIndex: 'partyBName', width: 200 },
    {
      title: t('agreements.fields.status'),
      dataIndex: 'status',
      width: 110,
      render: (_, a) => <AgreementStatusTag status={a.status} />,
    },
    {
      title: t('agreements.fields.signedOn'),
      dataIndex: 'signedOn',
      width: 170,
      render: (_, a) => (a.signedOn ? formatDate(a.signedOn, false) : '—'),
    },
    { title: t('agreements.fields.staff'), dataIndex: 'staffCount', width: 110, align: 'right' },
    {
      title: t('agreements.fields.validCommitments'),
      dataIndex: 'validCommitmentCount',
      width: 130,
      align: 'right',
      render: (_, a) => `${a.validCommitmentCount} / ${a.staffCount}`,
    },
  ];

  return (
    <>
      <PageTitle
        title={t('agreements.title')}
        extra={
          <span className="page-toolbar">
            {user.role !== 'unit_member' && (
              <Link to="/agreements/commitments">
                <FieldTimeOutlined aria-hidden /> {t('agreements.commitmentList.link')}
              </Link>
            )}
            {can(user.role, 'commitment.confirm') && (
              <Link to="/agreements/my">
                <FileDoneOutlined aria-hidden /> {t('agreements.myCommitments')}
              </Link>
            )}
            {can(user.role, 'agreement.manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('agreements.create')}
              </Button>
            )}
          </span>
        }
      />
      <div className="page-toolbar" role="search">
        <ContractPicker
          aria-label={t('agreements.fields.contract')}
          placeholder={t('agreements.allContracts')}
          allowClear
          value={filters.contractId}
          onChange={(value) => setFilter('contractId', value)}
          style={{ width: 300 }}
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
      <Table<Agreement>
        rowKey="id"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        pagination={pagination}
        scroll={{ x: 960 }}
        locale={{ emptyText: listEmptyText(query, t('agreements.empty')) }}
      />
      {isCreating && <AgreementFormModal open onClose={() => setCreating(false)} />}
    </>
  );
}
