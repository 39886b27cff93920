import { Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { SystemDetail } from '@custodian/shared';

type LinkedContract = SystemDetail['contracts'][number];

/** 委辦案: the commissioning contracts the system belongs to, linking to their pages. */
export function SystemContractsTab({ system }: { system: SystemDetail }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<LinkedContract> = [
    {
      title: t('systems.contracts.number'),
      dataIndex: 'number',
      width: 200,
      render: (_, c) => <Link to={`/contracts/${c.id}`}>{c.number}</Link>,
    },
    { title: t('systems.contracts.name'), dataIndex: 'name' },
  ];
  return (
    <Table<LinkedContract>
      rowKey="id"
      columns={columns}
      dataSource={system.contracts}
      pagination={false}
      locale={{ emptyText: system.can.edit ? t('systems.contracts.emptyEditable') : t('systems.contracts.empty') }}
    />
  );
}
