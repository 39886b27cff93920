import { Select, Table, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { RecordLink } from '../../components/record-link.js';
import { useTranslation } from 'react-i18next';
import { FINDING_SEVERITIES, FINDING_STATES, type Finding } from '@custodian/shared';
import { queryKeys } from '../../api/query-keys.js';
import { ListError, listEmptyText } from '../../components/list-state.js';
import { OrgSelect } from '../../components/org-select.js';
import { SearchBox } from '../../components/search-box.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { useOrgName } from '../../lib/use-org-name.js';
import { usePagedQuery } from '../../lib/use-paged-query.js';
import { SystemSelect } from '../allocations/system-select.js';
import { FindingStateTag, SeverityTag } from './scan-parts.js';

type Filters = {
  systemId?: string;
  orgId?: string;
  severity?: string;
  state?: string;
  overdue?: string;
  cve?: string;
  tool?: string;
};

/** The affected asset in one line: URL, or host:port/protocol, or component. */
function assetText(f: Finding): string {
  if (f.url) {
    return f.url;
  }
  const host = f.hostname ?? f.ip;
  if (host) {
    return f.port ? `${host}:${f.port}${f.protocol ? `/${f.protocol}` : ''}` : host;
  }
  return f.component ?? '—';
}

/**
 * Findings with server-side filters (system, unit, severity, state, overdue, CVE, tool). On
 * its own page the filters live in the address, so a dashboard card or a shared link opens
 * the list filtered; inside a system's tab the system is fixed.
 */
export function FindingsList(props: { systemId?: string }) {
  const { t } = useTranslation();
  const orgName = useOrgName();
  const formatDate = useFormatDate();
  const inSystem = props.systemId !== undefined;
  const { query, filters, setFilter, pagination } = usePagedQuery<'/api/v1/scans/findings', Filters>({
    key: queryKeys.scans.findings,
    path: '/api/v1/scans/findings',
    initialFilters: inSystem ? { systemId: props.systemId } : {},
    urlFilters: inSystem
      ? ['severity', 'state', 'overdue']
      : ['systemId', 'orgId', 'severity', 'state', 'overdue', 'cve', 'tool'],
  });

  const columns: TableColumnsType<Finding> = [
    {
      title: t('findings.severity'),
      dataIndex: 'severity',
      width: 100,
      render: (_, f) => <SeverityTag severity={f.severity} />,
    },
    {
      title: t('findings.title'),
      key: 'title',
      render: (_, f) => (
        <>
          <RecordLink to={`/scans/findings/${f.id}`} access={f.access}>
            {f.title}
          </RecordLink>
          <div>
            <Typography.Text type="secondary">
              {f.tool} · {f.ruleId}
              {f.cves.length > 0 && ` · ${f.cves.slice(0, 3).join(', ')}${f.cves.length > 3 ? ' …' : ''}`}
            </Typography.Text>
          </div>
        </>
      ),
    },
    {
      title: t('findings.asset'),
      key: 'asset',
      width: 260,
      render: (_, f) => <Typography.Text style={{ wordBreak: 'break-all' }}>{assetText(f)}</Typography.Text>,
    },
    ...(inSystem
      ? []
      : [
          {
            title: t('findings.system'),
            key: 'system',
            width: 200,
            render: (_: unknown, f: Finding) => (
              <>
                {f.access.open ? <Link to={`/systems/${f.systemId}?tab=scans`}>{f.systemName}</Link> : f.systemName}
                <div>
                  <Typography.Text type="secondary">{orgName(f.orgName, f.orgNameEn)}</Typography.Text>
                </div>
              </>
            ),
          },
        ]),
    {
      title: t('findings.state'),
      dataIndex: 'state',
      width: 120,
      render: (_, f) => <FindingStateTag state={f.state} />,
    },
    {
      title: t('findings.dueOn'),
      key: 'due',
      width: 130,
      render: (_, f) =>
        f.dueOn ? (
          <Typography.Text type={f.isOverdue ? 'danger' : undefined}>
            {formatDate(f.dueOn, false)}
            {f.isOverdue && <div>{t('findings.overdue')}</div>}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <>
      <div className="page-toolbar" role="search">
        {!inSystem && (
          <>
            <SystemSelect
              aria-label={t('findings.system')}
              placeholder={t('findings.allSystems')}
              value={filters.systemId}
              onChange={(value) => setFilter('systemId', value)}
              allowClear
              style={{ width: 260 }}
            />
            <OrgSelect
              aria-label={t('findings.unit')}
              kinds={['unit']}
              includeInactive
              allowClear
              placeholder={t('findings.allUnits')}
              value={filters.orgId}
              onChange={(value) => setFilter('orgId', typeof value === 'string' ? value : undefined)}
              style={{ width: 220 }}
            />
          </>
        )}
        <Select
          aria-label={t('findings.severity')}
          placeholder={t('findings.allSeverities')}
          allowClear
          value={filters.severity}
          onChange={(value?: string) => setFilter('severity', value)}
          options={FINDING_SEVERITIES.map((s) => ({ value: s, label: t(`scans.severities.${s}`) }))}
          style={{ width: 130 }}
        />
        <Select
          aria-label={t('findings.state')}
          placeholder={t('findings.allStates')}
          allowClear
          value={filters.state}
          onChange={(value?: string) => setFilter('state', value)}
          options={FINDING_STATES.map((s) => ({ value: s, label: t(`findings.states.${s}`) }))}
          style={{ width: 150 }}
        />
        <Select
          aria-label={t('findings.overdueFilter')}
          placeholder={t('findings.overdueFilter')}
          allowClear
          value={filters.overdue}
          onChange={(value?: string) => setFilter('overdue', value)}
          options={[
            { value: 'true', label: t('findings.overdueOnly') },
            { value: 'false', label: t('findings.notOverdue') },
          ]}
          style={{ width: 140 }}
        />
        {!inSystem && (
          <>
            <SearchBox
              aria-label={t('findings.cve')}
              placeholder="CVE-2021-44228"
              allowClear
              defaultValue={filters.cve}
              onSearch={(value) => setFilter('cve', value.trim() || undefined)}
              style={{ width: 200 }}
            />
            <SearchBox
              aria-label={t('findings.tool')}
              placeholder={t('findings.tool')}
              allowClear
              defaultValue={filters.tool}
              onSearch={(value) => setFilter('tool', value.trim() || undefined)}
              style={{ width: 160 }}
            />
          </>
        )}
      </div>
      <ListError query={query} />
      <Table<Finding>
        rowKey="id"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        pagination={pagination}
        locale={{ emptyText: listEmptyText(query, t('findings.empty')) }}
        scroll={{ x: 1000 }}
      />
    </>
  );
}
