import { Alert, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { can, type Agreement, type ContractMemberAccess } from '@custodian/shared';
import { getList, http, unwrap } from '../../api/client.js';
import { queryKeys } from '../../api/query-keys.js';
import { useCurrentUser } from '../../auth/session-context.js';
import { useErrorText } from '../../lib/errors.js';
import { AgreementStatusTag, CommitmentStateTag, useDocumentDate } from './agreement-parts.js';

/**
 * The contract's 保密合約書 tab: its agreements, and for those who manage them, every member
 * of the unit with their commitment's state: who item 六 blocks from the contract's systems, and why.
 */
export function ContractAgreementsTab({ contractId }: { contractId: string }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const errorText = useErrorText();
  const documentDate = useDocumentDate();
  const mayManage = can(user.role, 'agreement.manage');
  const agreements = useQuery({
    queryKey: [queryKeys.agreements.list, { contractId }],
    queryFn: () => getList('/api/v1/agreements', { contractId, page: 1, pageSize: 100 }),
  });
  const access = useQuery({
    queryKey: queryKeys.agreements.contractAccess(contractId),
    queryFn: () =>
      unwrap(http.GET('/api/v1/contracts/{contractId}/commitment-access', { params: { path: { contractId } } })),
    enabled: mayManage,
  });

  const agreementColumns: TableColumnsType<Agreement> = [
    {
      title: t('agreements.fields.purpose'),
      dataIndex: 'purpose',
      render: (_, a) => <Link to={`/agreements/${a.id}`}>{a.purpose}</Link>,
    },
    {
      title: t('agreements.fields.status'),
      dataIndex: 'status',
      width: 110,
      render: (_, a) => <AgreementStatusTag status={a.status} />,
    },
    {
      title: t('agreements.fields.signedOn'),
      dataIndex: 'signedOn',
      width: 200,
      render: (_, a) => documentDate(a.signedOn),
    },
    {
      title: t('agreements.fields.validCommitments'),
      dataIndex: 'validCommitmentCount',
      width: 130,
      align: 'right',
      render: (_, a) => `${a.validCommitmentCount} / ${a.staffCount}`,
    },
  ];
  const memberColumns: TableColumnsType<ContractMemberAccess> = [
    {
      title: t('agreements.access.member'),
      dataIndex: 'name',
      render: (_, m) => (
        <>
          <div>{m.name}</div>
          <Typography.Text type="secondary">{m.email}</Typography.Text>
        </>
      ),
    },
    {
      title: t('agreements.access.access'),
      dataIndex: 'blocked',
      width: 120,
      render: (_, m) =>
        m.blocked ? (
          <Tag color="red">{t('agreements.access.blocked')}</Tag>
        ) : (
          <Tag color="green">{t('agreements.access.allowed')}</Tag>
        ),
    },
    {
      title: t('agreements.access.reason'),
      dataIndex: 'state',
      render: (_, m) => (
        <Space wrap>
          <CommitmentStateTag state={m.state} />
          <span>{t(`agreements.access.reasons.${m.state}`)}</span>
          {m.expiresOn && (
            <Typography.Text type="secondary">
              {t('agreements.access.expiresOn', { date: documentDate(m.expiresOn) })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
  ];

  const hasAgreement = (agreements.data?.items.length ?? 0) > 0;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('agreements.access.help')}
      </Typography.Paragraph>
      <section aria-labelledby="contract-agreements-heading">
        <Typography.Title level={2} id="contract-agreements-heading" style={{ fontSize: 16 }}>
          {t('agreements.access.agreements')}
        </Typography.Title>
        {agreements.isError && <Alert type="error" showIcon title={errorText(agreements.error)} />}
        <Table<Agreement>
          rowKey="id"
          size="small"
          columns={agreementColumns}
          dataSource={agreements.data?.items ?? []}
          loading={agreements.isFetching}
          pagination={false}
          locale={{ emptyText: t('agreements.access.noAgreement') }}
        />
      </section>
      {mayManage && hasAgreement && (
        <section aria-labelledby="contract-access-heading">
          <Typography.Title level={2} id="contract-access-heading" style={{ fontSize: 16 }}>
            {t('agreements.access.members')}
          </Typography.Title>
          {access.isError && <Alert type="error" showIcon title={errorText(access.error)} />}
          <Table<ContractMemberAccess>
            rowKey="userId"
            size="small"
            columns={memberColumns}
            dataSource={access.data ?? []}
            loading={access.isFetching}
            pagination={false}
            locale={{ emptyText: t('agreements.access.noMembers') }}
          />
        </section>
      )}
    </Space>
  );
}
