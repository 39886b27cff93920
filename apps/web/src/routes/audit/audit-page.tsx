import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { auditActionList, can, type Locale } from '@custodian/shared';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Descriptions,
  Input,
  Select,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { apiFetch, http, unwrap } from '../../api/client.js';
import type { AuditEvent } from '../../api/types.js';
import { useCurrentUser } from '../../auth/session-context.js';
import { currentLanguage } from '../../i18n.js';
import { OrgSelect } from '../../components/org-select.js';
import { PageTitle } from '../../components/page-title.js';
import { downloadFile } from '../../lib/download.js';
import { useErrorText } from '../../lib/errors.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { usePagedQuery } from '../../lib/use-paged-query.js';
import { VerifyChainButton } from './verify-button.js';
import { queryKeys } from '../../api/query-keys.js';
import { useOrgName } from '../../lib/use-org-name.js';

type Filters = { q?: string; actions?: string; orgId?: string; from?: string; to?: string };

/** Start of a calendar day in Taipei (no daylight saving: always +08:00). */
function taipeiDayStart(day: Dayjs): string {
  return `${day.format('YYYY-MM-DD')}T00:00:00+08:00`;
}

/** What the event was done to: the record's name linked to its page, or its kind and id. */
function TargetCell({ event, lang }: { event: AuditEvent; lang: Locale }) {
  const { t } = useTranslation();
  const orgName = useOrgName();
  const { target, targetId } = event;
  const kind = target.typeLabel?.[lang] ?? event.targetType;
  const shortId = targetId ? targetId.slice(0, 8) : null;
  const name = orgName(target.name, target.nameEn);
  if (name) {
    return (
      <Typography.Text ellipsis={{ tooltip: `${kind}：${name}` }} style={{ maxWidth: '100%' }}>
        <Typography.Text type="secondary">{kind} </Typography.Text>
        {target.link ? <Link to={target.link}>{name}</Link> : name}
      </Typography.Text>
    );
  }
  return (
    <span>
      <Typography.Text type="secondary">{kind}</Typography.Text>
      {shortId && <Typography.Text code>{shortId}</Typography.Text>}
      {target.deleted && <Tag style={{ marginInlineStart: 4 }}>{t('audit.deleted')}</Tag>}
    </span>
  );
}

/** The audit trail: filter, read the before/after summary, export CSV, verify the chain. */
export function AuditPage() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const orgName = useOrgName();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const [isExporting, setExporting] = useState(false);
  // Every action a module registered, with its labels (the same for every reader).
  const catalog = useQuery({
    queryKey: queryKeys.audit.actions,
    queryFn: () => unwrap(http.GET('/api/v1/audit/actions')),
    staleTime: Infinity,
  });
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
    { title: t('audit.seq'), dataIndex: 'seq', width: 60 },
    { title: t('audit.time'), dataIndex: 'occurredAt', width: 200, render: (v: string) => formatDate(v) },
    { title: t('audit.actor'), dataIndex: 'actorLabel', ellipsis: { showTitle: true } },
    {
      title: t('audit.organisation'),
      dataIndex: 'orgName',
      ellipsis: { showTitle: true },
      render: (_, e) => orgName(e.orgName, e.orgNameEn) ?? '—',
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 190,
      render: (code: string, e) => (
        // The raw code stays one hover (and the row's details) away, for those who script against it.
        <Tooltip title={`${t('audit.actionCode')}: ${code}`}>
          <Tag style={{ maxWidth: '100%', overflow: 'hidden', textOverflow: 'ellipsis' }}>
            {e.actionLabel?.[lang] ?? code}
          </Tag>
        </Tooltip>
      ),
    },
    {
      title: t('audit.target'),
      key: 'target',
      width: 220,
      render: (_, e) => <TargetCell event={e} lang={lang} />,
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 120, render: (v: string | null) => v ?? '—' },
  ];

  const actionOptions = (catalog.data?.items ?? []).map((a) => ({
    value: a.code,
    label: a.label[lang],
    title: a.code,
  }));

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
        <Select<string[]>
          mode="multiple"
          aria-label={t('audit.action')}
          placeholder={t('audit.actionPlaceholder')}
          value={auditActionList(filters.actions)}
          options={actionOptions}
          optionFilterProp="label"
          loading={catalog.isLoading}
          maxTagCount="responsive"
          allowClear
          onChange={(codes) => setFilter('actions', codes.length > 0 ? codes.join(',') : undefined)}
          style={{ width: 320 }}
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
        tableLayout="fixed"
        scroll={{ x: 1080 }}
        expandable={{
          expandedRowRender: (e) => (
            <div>
              <Descriptions
                size="small"
                column={{ xs: 1, lg: 2 }}
                style={{ marginBottom: 8 }}
                items={[
                  {
                    key: 'code',
                    label: t('audit.actionCode'),
                    children: <Typography.Text code>{e.action}</Typography.Text>,
                  },
                  {
                    key: 'target',
                    label: `${t('audit.targetType')} / ${t('audit.targetId')}`,
                    children: (
                      <Typography.Text code copyable={e.targetId ? { text: e.targetId } : false}>
                        {e.targetType} {e.targetId ?? ''}
                      </Typography.Text>
                    ),
                  },
                  { key: 'ua', label: t('audit.userAgent'), children: e.userAgent ?? '—' },
                ]}
              />
              <pre className="json-summary">{JSON.stringify(e.summary, null, 2)}</pre>
            </div>
          ),
        }}
      />
    </>
  );
}
