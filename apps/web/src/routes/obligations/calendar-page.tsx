import { useState } from 'react';
import { Alert, App, Button, DatePicker, Input, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { today } from '../../lib/clock.js';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ObligationItem } from '@custodian/shared';
import { apiFetch } from '../../api/client.js';
import { queryKeys } from '../../api/query-keys.js';
import { useCurrentUser } from '../../auth/session-context.js';
import { PageTitle } from '../../components/page-title.js';
import { downloadFile } from '../../lib/download.js';
import { useErrorText } from '../../lib/errors.js';
import { withParams } from '../../lib/search-params.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { usePagedQuery } from '../../lib/use-paged-query.js';
import { ObligationDrawer } from './obligation-drawer.js';
import { OBLIGATION_URL_FILTERS, ObligationFilterBar, type ObligationFilters } from './obligation-filters.js';
import {
  DueHint,
  ObligationStateTag,
  hasRecordLink,
  seesManyUnits,
  useItemLabel,
  useObligationTitle,
} from './obligation-parts.js';
import { ObligationsMonth } from './obligations-month.js';
import { useOrgName } from '../../lib/use-org-name.js';

type ListFilters = ObligationFilters & { from?: string; to?: string };

const URL_FILTERS = [...OBLIGATION_URL_FILTERS, 'from', 'to'] as const;

/**
 * The compliance calendar (issue 13 part 5): obligations in scope as a month calendar and
 * as a paginated list, both with the filters in the address (item, unit, state, owner;
 * the list also a due-day range), the list exportable to XLSX under the same filters.
 */
export function CalendarPage() {
  const { t } = useTranslation();
  const orgName = useOrgName();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const titleOf = useObligationTitle();
  const itemLabel = useItemLabel();
  const [searchParams, setSearchParams] = useSearchParams();
  const [detailId, setDetailId] = useState<string | null>(null);
  const [isExporting, setExporting] = useState(false);
  const paged = usePagedQuery<'/api/v1/obligations', ListFilters>({
    key: queryKeys.obligations.list,
    path: '/api/v1/obligations',
    initialFilters: {},
    urlFilters: URL_FILTERS,
  });
  const { query, filters, setFilter, setFilters, pagination } = paged;
  const tab = searchParams.get('tab') === 'list' ? 'list' : 'month';
  const manyUnits = seesManyUnits(user.role);

  const onExport = async () => {
    setExporting(true);
    try {
      const response = await apiFetch('/obligations/export.xlsx', { query: filters });
      downloadFile({
        content: await response.blob(),
        filename: `obligations-${today()}.xlsx`,
      });
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<ObligationItem> = [
    {
      title: t('obligations.fields.dueOn'),
      dataIndex: 'dueOn',
      width: 170,
      render: (_, o) => (
        <>
          <div>{formatDate(o.dueOn, false)}</div>
          <DueHint item={o} />
        </>
      ),
    },
    {
      title: t('obligations.fields.title'),
      key: 'title',
      render: (_, o) =>
        hasRecordLink(o) ? (
          <Link to={o.link}>{titleOf(o.title)}</Link>
        ) : (
          <Typography.Link onClick={() => setDetailId(o.id)}>{titleOf(o.title)}</Typography.Link>
        ),
    },
    { title: t('obligations.fields.item'), dataIndex: 'item', width: 110, render: (v: string) => itemLabel(v) },
    {
      title: t('obligations.fields.subject'),
      key: 'subject',
      width: 220,
      render: (_, o) => orgName(o.subject.name, o.subject.nameEn),
    },
    ...(manyUnits
      ? [
          {
            title: t('obligations.fields.unit'),
            dataIndex: 'orgName',
            width: 180,
            render: (_: unknown, o: ObligationItem) => orgName(o.orgName, o.orgNameEn),
          },
        ]
      : []),
    {
      title: t('obligations.fields.responsible'),
      dataIndex: 'responsibleName',
      width: 120,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('obligations.fields.state'),
      dataIndex: 'state',
      width: 110,
      render: (_, o) => <ObligationStateTag state={o.state} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, o) => (
        <Button
          size="small"
          onClick={() => setDetailId(o.id)}
          aria-label={t('obligations.todo.detailsNamed', { title: titleOf(o.title) })}
        >
          {t('obligations.todo.details')}
        </Button>
      ),
    },
  ];

  const filterBar = (
    <div className="page-toolbar" role="search">
      {tab === 'list' && (
        <Input.Search
          aria-label={t('obligations.search')}
          placeholder={t('obligations.search')}
          allowClear
          onSearch={(value) => setFilter('q', value.trim() || undefined)}
          style={{ width: 240 }}
        />
      )}
      <ObligationFilterBar filters={filters} onChange={setFilters} />
      {tab === 'list' && (
        <DatePicker.RangePicker
          aria-label={t('obligations.calendar.range')}
          placeholder={[t('obligations.calendar.rangeFrom'), t('obligations.calendar.rangeTo')]}
          allowEmpty={[true, true]}
          value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
          onChange={(range) =>
            setFilters({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })
          }
        />
      )}
    </div>
  );

  const list = (
    <>
      {query.isError && <Alert type="error" showIcon title={errorText(query.error)} style={{ marginBottom: 16 }} />}
      <Table<ObligationItem>
        rowKey="id"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        pagination={pagination}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t('obligations.calendar.empty') }}
      />
    </>
  );

  return (
    <>
      <PageTitle
        title={t('obligations.calendar.title')}
        extra={
          <span className="page-toolbar">
            <Button icon={<DownloadOutlined />} loading={isExporting} onClick={() => void onExport()}>
              {t('obligations.calendar.export')}
            </Button>
          </span>
        }
      />
      {filterBar}
      <Tabs
        activeKey={tab}
        onChange={(key) =>
          setSearchParams((prev) => withParams(prev, { tab: key === 'month' ? undefined : key }), { replace: true })
        }
        items={[
          {
            key: 'month',
            label: t('obligations.calendar.tabs.month'),
            children: <ObligationsMonth filters={filters} onOpen={setDetailId} />,
          },
          { key: 'list', label: t('obligations.calendar.tabs.list'), children: list },
        ]}
      />
      <ObligationDrawer id={detailId} onClose={() => setDetailId(null)} />
    </>
  );
}
