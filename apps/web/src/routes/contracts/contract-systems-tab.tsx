import { Table, Tag, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ContractDetail, SystemStatus } from '@custodian/shared';

type LinkedSystem = ContractDetail['systems'][number];
const STATUS_COLORS: Record<SystemStatus, string> = {
  planned: 'default',
  pre_launch: 'blue',
  online: 'green',
  decommissioned: 'default',
};

/** 系統: the systems and websites that belong to the contract, linking to their pages. */
export function ContractSystemsTab({ contract }: { contract: ContractDetail }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<LinkedSystem> = [
    {
      title: t('contracts.systems.name'),
      dataIndex: 'name',
      render: (_, s) => <Link to={`/systems/${s.id}`}>{s.name}</Link>,
    },
    {
      title: t('contracts.systems.status'),
      dataIndex: 'status',
      width: 160,
      render: (_, s) => <Tag color={STATUS_COLORS[s.status]}>{t(`contracts.systemStatus.${s.status}`)}</Tag>,
    },
  ];
  return (
    <Table<LinkedSystem>
      rowKey="id"
      columns={columns}
      dataSource={contract.systems}
      pagination={false}
      locale={{ emptyText: t('contracts.systems.empty') }}
    />
  );
}
