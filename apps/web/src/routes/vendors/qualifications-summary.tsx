import { Alert, Button, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { VendorQualificationSummary } from '@custodian/shared';
import { useErrorText } from '../../lib/errors.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { usePagedQuery } from '../../lib/use-paged-query.js';
import { QualificationStatusTag } from './qualification-status.js';
import { queryKeys } from '../../api/query-keys.js';
import { SearchBox } from '../../components/search-box.js';
import { useOrgName } from '../../lib/use-org-name.js';

type Filters = { q?: string; orgKind?: string; isms?: string };

/**
 * Per vendor or unit: whether it holds a valid ISO/CNS 27001 and what expires next, including
 * organisations with no qualification at all (item 三十九).
 */
export function QualificationsSummary(props: { onShowOrganisation: (orgId: string) => void }) {
  const { t } = useTranslation();
  const orgName = useOrgName();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const { query, filters, setFilter, pagination } = usePagedQuery<'/api/v1/vendor-qualifications/summary', Filters>({
    key: queryKeys.vendors.summary,
    path: '/api/v1/vendor-qualifications/summary',
    initialFilters: {},
  });

  const columns: TableColumnsType<VendorQualificationSummary> = [
    {
      title: t('vendors.organisation'),
      key: 'org',
      render: (_, s) => (
        <>
          <Button
            type="link"
            style={{ padding: 0, height: 'auto' }}
            onClick={() => props.onShowOrganisation(s.orgId)}
            aria-label={t('vendors.showQualifications', { name: orgName(s.orgName, s.orgNameEn) })}
          >
            {orgName(s.orgName, s.orgNameEn)}
          </Button>
          <div>
            <Typography.Text type="secondary">
              {s.parentOrgName
                ? t('vendors.forUnit', { name: orgName(s.parentOrgName, s.parentOrgNameEn) })
                : t(`vendors.orgKinds.${s.orgKind}`)}
            </Typography.Text>
          </div>
        </>
      ),
    },
    {
      title: t('vendors.isms'),
      dataIndex: 'hasValidIsms',
      width: 190,
      render: (has: boolean) =>
        has ? (
          <Tag color="green" icon={<CheckCircleOutlined />}>
            {t('vendors.ismsValid')}
          </Tag>
        ) : (
          <Tag color="red" icon={<CloseCircleOutlined />}>
            {t('vendors.ismsMissing')}
          </Tag>
        ),
    },
    {
      title: t('vendors.ismsExpiresOn'),
      dataIndex: 'ismsExpiresOn',
      width: 170,
      render: (v: string | null) => (v ? formatDate(v, false) : '—'),
    },
    {
      title: t('vendors.nearestExpiry'),
      key: 'nearest',
      width: 260,
      render: (_, s) =>
        s.nearestExpiry && s.nearestExpiryStatus ? (
          <>
            {formatDate(s.nearestExpiry, false)} <QualificationStatusTag status={s.nearestExpiryStatus} />
          </>
        ) : (
          '—'
        ),
    },
    {
      title: t('vendors.counts'),
      key: 'counts',
      width: 200,
      render: (_, s) => `${s.valid} / ${s.expiring} / ${s.expired}`,
    },
  ];

  return (
    <>
      <div className="page-toolbar" role="search">
        <SearchBox
          aria-label={t('vendors.summarySearch')}
          placeholder={t('vendors.summarySearch')}
          allowClear
          onSearch={(value) => setFilter('q', value.trim() || undefined)}
          style={{ width: 260 }}
        />
        <Select
          aria-label={t('vendors.orgKind')}
          placeholder={t('vendors.allOrgKinds')}
          allowClear
          value={filters.orgKind}
          onChange={(value?: string) => setFilter('orgKind', value)}
          options={(['vendor', 'unit'] as const).map((k) => ({ value: k, label: t(`vendors.orgKinds.${k}`) }))}
          style={{ width: 190 }}
        />
        <Select
          aria-label={t('vendors.ismsFilter')}
          placeholder={t('vendors.ismsFilter')}
          allowClear
          value={filters.isms}
          onChange={(value?: string) => setFilter('isms', value)}
          options={[
            { value: 'valid', label: t('vendors.ismsValid') },
            { value: 'missing', label: t('vendors.ismsMissing') },
          ]}
          style={{ width: 200 }}
        />
      </div>
      {query.isError && <Alert type="error" showIcon title={errorText(query.error)} style={{ marginBottom: 16 }} />}
      <Table<VendorQualificationSummary>
        rowKey="orgId"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        pagination={pagination}
        locale={{ emptyText: t('vendors.summaryEmpty') }}
        scroll={{ x: 1050 }}
      />
    </>
  );
}
