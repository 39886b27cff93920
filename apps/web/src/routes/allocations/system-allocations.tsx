import { useState } from 'react';
import { Alert, Button, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Allocation } from '@custodian/shared';
import { useErrorText } from '../../lib/errors.js';
import { usePagedQuery } from '../../lib/use-paged-query.js';
import { AllocationActions } from './allocation-actions.js';
import { AllocationFormModal } from './allocation-form-modal.js';
import { ExpiryTag, PendingRenewalTag, PeriodText } from './allocation-parts.js';
import { queryKeys } from '../../api/query-keys.js';

export type SystemAllocationsProps = {
  systemId: string;
  /** Whether the user may add, renew and release allocations (the server checks again). */
  canEdit: boolean;
};

/**
 * The domain/IP allocations tab of a system's detail page (item 十一): the system's domains,
 * addresses and ranges with their periods, an add form whose expiry defaults to the longest
 * allowed, renewal requests and release.
 */
export function SystemAllocations({ systemId, canEdit }: SystemAllocationsProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [isAdding, setAdding] = useState(false);
  const { query, pagination } = usePagedQuery<'/api/v1/allocations', { systemId: string }>({
    key: queryKeys.allocations.list,
    path: '/api/v1/allocations',
    initialFilters: { systemId },
  });

  const columns: TableColumnsType<Allocation> = [
    {
      title: t('allocations.value'),
      dataIndex: 'value',
      render: (_, a) => (
        <Link to={`/allocations/${a.id}`} aria-label={t('allocations.viewDetail', { value: a.value })}>
          <Typography.Text code>{a.value}</Typography.Text>
        </Link>
      ),
    },
    {
      title: t('allocations.kind'),
      dataIndex: 'kind',
      width: 150,
      render: (_, a) => <Tag>{t(`allocations.kinds.${a.kind}`)}</Tag>,
    },
    {
      title: t('allocations.period'),
      key: 'period',
      width: 300,
      render: (_, a) => <PeriodText startsOn={a.startsOn} expiresOn={a.expiresOn} />,
    },
    {
      title: t('allocations.status'),
      key: 'status',
      width: 200,
      render: (_, a) => (
        <>
          <ExpiryTag allocation={a} />
          <PendingRenewalTag allocation={a} />
        </>
      ),
    },
  ];
  if (canEdit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_, a) => <AllocationActions allocation={a} />,
    });
  }

  return (
    <section aria-labelledby={`allocations-${systemId}`}>
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 12 }}>
        <Typography.Title level={2} id={`allocations-${systemId}`} style={{ fontSize: 18, margin: 0 }}>
          {t('allocations.heading')}
        </Typography.Title>
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('allocations.add')}
          </Button>
        )}
      </Flex>
      {query.isError && <Alert type="error" showIcon title={errorText(query.error)} style={{ marginBottom: 16 }} />}
      <Table<Allocation>
        rowKey="id"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        pagination={pagination}
        locale={{ emptyText: t('allocations.systemEmpty') }}
        scroll={{ x: 900 }}
      />
      {isAdding && <AllocationFormModal systemId={systemId} onClose={() => setAdding(false)} />}
    </section>
  );
}
