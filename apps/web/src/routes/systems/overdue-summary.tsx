import { Alert, Button, Col, Row, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ContactsOverdueSummary } from '@custodian/shared';
import { useErrorText } from '../../lib/errors.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { usePagedQuery } from '../../lib/use-paged-query.js';
import { queryKeys } from '../../api/query-keys.js';
import { SearchBox } from '../../components/search-box.js';
import { useOrgName } from '../../lib/use-org-name.js';

type UnitRow = ContactsOverdueSummary['items'][number];

/**
 * Item 十 for the Ministry's security officer: which units have systems whose contacts
 * are overdue, most first; picking a unit lists its overdue systems.
 */
export function OverdueSummary({ onPickUnit }: { onPickUnit: (orgId: string) => void }) {
  const { t } = useTranslation();
  const orgName = useOrgName();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const { query, setFilter, pagination } = usePagedQuery<'/api/v1/systems/contacts/overdue-summary', { q?: string }>({
    key: queryKeys.systems.overdueSummary,
    path: '/api/v1/systems/contacts/overdue-summary',
    initialFilters: {},
  });
  const data = query.data as ContactsOverdueSummary | undefined;

  const columns: TableColumnsType<UnitRow> = [
    {
      title: t('systems.overdue.unit'),
      dataIndex: 'orgName',
      render: (_, u) => (
        <>
          <Typography.Text>{orgName(u.orgName, u.orgNameEn)}</Typography.Text>
          <div>
            <Typography.Text type="secondary">{u.orgCode}</Typography.Text>
          </div>
        </>
      ),
    },
    { title: t('systems.overdue.active'), dataIndex: 'systemCount', width: 110, align: 'right' },
    {
      title: t('systems.overdue.overdue'),
      dataIndex: 'overdueCount',
      width: 110,
      align: 'right',
      render: (v: number) => <Typography.Text type="danger">{v}</Typography.Text>,
    },
    { title: t('systems.overdue.never'), dataIndex: 'neverConfirmedCount', width: 120, align: 'right' },
    {
      title: t('systems.overdue.oldest'),
      dataIndex: 'oldestDueOn',
      width: 170,
      render: (v: string | null) => formatDate(v, false),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, u) => (
        <Button
          size="small"
          onClick={() => onPickUnit(u.orgId)}
          aria-label={t('systems.overdue.showNamed', { name: orgName(u.orgName, u.orgNameEn) })}
        >
          {t('systems.overdue.show')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">{t('systems.overdue.intro')}</Typography.Paragraph>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Statistic
            title={t('systems.overdue.totalOverdue')}
            value={data?.overdueSystems ?? 0}
            loading={query.isPending}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('systems.overdue.totalActive')}
            value={data?.activeSystems ?? 0}
            loading={query.isPending}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('systems.overdue.units')} value={data?.total ?? 0} loading={query.isPending} />
        </Col>
      </Row>
      <div className="page-toolbar" role="search">
        <SearchBox
          aria-label={t('systems.overdue.search')}
          placeholder={t('systems.overdue.search')}
          allowClear
          onSearch={(value) => setFilter('q', value.trim() || undefined)}
          style={{ width: 260 }}
        />
      </div>
      {query.isError && <Alert type="error" showIcon title={errorText(query.error)} style={{ marginBottom: 16 }} />}
      <Table<UnitRow>
        rowKey="orgId"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={query.isFetching}
        pagination={pagination}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('systems.overdue.empty') }}
      />
    </>
  );
}
