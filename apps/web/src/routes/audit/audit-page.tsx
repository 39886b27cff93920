import { useState } from 'react';
import { can } from '@custodian/shared';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  DatePicker,
  Input,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../api/client.js';
import type { AuditEvent } from '../../api/types.js';
import { useCurrentUser } from '../../auth/session-context.js';
import { OrgSelect } from '../../components/org-select.js';
import { PageTitle } from '../../components/page-title.js';
import { downloadFile } from '../../lib/download.js';
import { useErrorText } from '../../lib/errors.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { usePagedQuery } from '../../lib/use-paged-query.js';
import { VerifyChainButton } from './verify-button.js';
import { queryKeys } from '../../api/query-keys.js';

type Filters = { q?: string; action?: string; orgId?: string; from?: string; to?: string };
const ACTION_PREFIXES = ['auth.', 'account.', 'user.', 'organisation.', 'setup.'];

/** Start of a calendar day in Taipei (no daylight saving: always +08:00). */
function taipeiDayStart(day: Dayjs): string {
  return `${day.format('YYYY-MM-DD')}T00:00:00+08:00`;
}

/** The audit trail: filter, read the before/after summary, export CSV, verify the chain. */
export function AuditPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const [action, setAction] = useState('');
  const [isExporting, setExporting] = useState(false);
  const { query, filters, setFilter, pagination } = usePagedQuery<'/api/v1/audit-events', Filters>({
    key: queryKeys.audit.list,
    path: '/api/v1/audit-events',
    initialFilters: {},
  });

  const onRange = (range: [Dayjs | null, Dayjs | null] | null) => {
    const [start, end] = range ?? [null, null];
    setFilter('from', start ? taipeiDayStart(start) : undefined);
    setFilter('to', end ? taipeiDayStart(end.add(1, 'day')) : undefined);
  };

  const onExport = async () => {
    setExporting(true);
    try {
      const response = await apiFetch('/audit-events/export.csv', { query: filters });
      downloadFile({ content: await response.blob(), filename: 'audit-events.csv' });
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<AuditEvent> = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
    { title: t('audit.time'), dataIndex: 'occurredAt', width: 210, render: (v: string) => formatDate(v) },
    { title: t('audit.actor'), dataIndex: 'actorLabel', width: 220 },
    { title: t('audit.organisation'), dataIndex: 'orgName', width: 200, render: (v: string | null) => v ?? '—' },
    { title: t('audit.action'), dataIndex: 'action', width: 200, render: (v: string) => <Tag>{v}</Tag> },
    {
      title: t('audit.target'),
      key: 'target',
      width: 200,
      render: (_, e) => (
        <Typography.Text>
          {e.targetType}
          {e.targetId && <Typography.Text type="secondary"> {e.targetId.slice(0, 8)}</Typography.Text>}
        </Typography.Text>
      ),
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 140, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <>
      <PageTitle
        title={t('audit.title')}
        extra={
          <span className="page-toolbar" style={{ marginBottom: 0 }}>
            <Button icon={<DownloadOutlined />} onClick={() => void onExport()} loading={isExporting}>
              {t('audit.export')}
            </Button>
            {can(me.role, 'audit.verify') && <VerifyChainButton />}
          </span>
        }
      />
      <div className="page-toolbar" role="search">
        <Input.Search
          aria-label={t('audit.search')}
          placeholder={t('audit.search')}
          allowClear
          onSearch={(value) => setFilter('q', value.trim() || undefined)}
          style={{ width: 220 }}
        />
        <AutoComplete
          aria-label={t('audit.action')}
          placeholder={t('audit.actionPlaceholder')}
          value={action}
          options={ACTION_PREFIXES.map((p) => ({ value: p }))}
          onChange={(value: string) => setAction(value)}
          onSelect={(value: string) => setFilter('action', value || undefined)}
          onBlur={() => setFilter('action', action.trim() || undefined)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              setFilter('action', action.trim() || undefined);
            }
          }}
          allowClear
          style={{ width: 200 }}
        />
        <DatePicker.RangePicker
          aria-label={t('audit.dateRange')}
          onChange={(range) => onRange(range)}
          placeholder={[t('audit.from'), t('audit.to')]}
        />
        <OrgSelect
          aria-label={t('audit.organisation')}
          placeholder={t('audit.allOrgs')}
          allowClear
          includeInactive
          value={filters.orgId}
          onChange={(value) => setFilter('orgId', typeof value === 'string' ? value : undefined)}
          style={{ width: 240 }}
        />
      </div>
      {query.isError && <Alert type="error" showIcon title={errorText(query.error)} style={{ marginBottom: 16 }} />}
      <Table<AuditEvent>
        rowKey="id"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        pagination={pagination}
        scroll={{ x: 1300 }}
        expandable={{
          expandedRowRender: (e) => (
            <div>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                {t('audit.userAgent')}: {e.userAgent ?? '—'}
              </Typography.Paragraph>
              <pre className="json-summary">{JSON.stringify(e.summary, null, 2)}</pre>
            </div>
          ),
        }}
      />
    </>
  );
}
