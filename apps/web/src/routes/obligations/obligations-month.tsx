import { Alert, Button, Calendar, DatePicker, Flex, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { today } from '../../lib/clock.js';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { MAX_PAGE_SIZE, type ObligationItem } from '@custodian/shared';
import { getList } from '../../api/client.js';
import { queryKeys } from '../../api/query-keys.js';
import { useErrorText } from '../../lib/errors.js';
import { withParams } from '../../lib/search-params.js';
import type { ObligationFilters } from './obligation-filters.js';
import { useObligationTitle } from './obligation-parts.js';

/** Entries shown in one day's cell; the rest are behind a link to the day's list. */
const PER_CELL = 3;
/** A month view reads at most this many pages (1,000 obligations); filters narrow it. */
const MAX_PAGES = 10;

const STATE_CLASS: Record<ObligationItem['state'], string> = {
  upcoming: 'cal-entry cal-upcoming',
  due: 'cal-entry cal-due',
  overdue: 'cal-entry cal-overdue',
  done: 'cal-entry cal-done',
  waived: 'cal-entry cal-waived',
};

async function fetchMonth(filters: ObligationFilters, from: string, to: string) {
  const items: ObligationItem[] = [];
  let total = 0;
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const answer = await getList('/api/v1/obligations', { ...filters, from, to, page, pageSize: MAX_PAGE_SIZE });
    items.push(...answer.items);
    total = answer.total;
    if (items.length >= total || answer.items.length === 0) {
      break;
    }
  }
  return { items, total };
}

/** The month in the address (`?month=2027-03`), else the current month. */
export function useMonthParam(): [Dayjs, (month: Dayjs) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const raw = searchParams.get('month');
  const parsed = raw && /^\d{4}-\d{2}$/.test(raw) ? dayjs(`${raw}-01`) : null;
  const month = parsed?.isValid() ? parsed : dayjs(today()).startOf('month');
  const setMonth = (next: Dayjs) =>
    setSearchParams((prev) => withParams(prev, { month: next.format('YYYY-MM') }), { replace: true });
  return [month, setMonth];
}

/**
 * A month calendar of obligations by due day, with the list's filters. Each entry opens
 * the detail panel; a crowded day links to the list filtered to that day.
 */
export function ObligationsMonth(props: { filters: ObligationFilters; onOpen: (id: string) => void }) {
  const { filters, onOpen } = props;
  const { t } = useTranslation();
  const errorText = useErrorText();
  const titleOf = useObligationTitle();
  const [searchParams] = useSearchParams();
  const [month, setMonth] = useMonthParam();
  const from = month.startOf('month').format('YYYY-MM-DD');
  const to = month.endOf('month').format('YYYY-MM-DD');
  const query = useQuery({
    queryKey: queryKeys.obligations.month(filters, month.format('YYYY-MM')),
    queryFn: () => fetchMonth(filters, from, to),
  });

  const byDay = new Map<string, ObligationItem[]>();
  for (const item of query.data?.items ?? []) {
    byDay.set(item.dueOn, [...(byDay.get(item.dueOn) ?? []), item]);
  }

  const dayListHref = (day: string) =>
    `/calendar?${withParams(searchParams, { tab: 'list', from: day, to: day, month: undefined }).toString()}`;

  const cell = (date: Dayjs) => {
    if (!date.isSame(month, 'month')) {
      return null;
    }
    const day = date.format('YYYY-MM-DD');
    const items = byDay.get(day) ?? [];
    if (items.length === 0) {
      return null;
    }
    return (
      <ul className="cal-entries" aria-label={t('obligations.calendar.monthLabel', { date: day, count: items.length })}>
        {items.slice(0, PER_CELL).map((item) => (
          <li key={item.id}>
            <button type="button" className={STATE_CLASS[item.state]} onClick={() => onOpen(item.id)}>
              {titleOf(item.title)}
            </button>
          </li>
        ))}
        {items.length > PER_CELL && (
          <li>
            <Link to={dayListHref(day)}>{t('obligations.calendar.more', { count: items.length - PER_CELL })}</Link>
          </li>
        )}
      </ul>
    );
  };

  return (
    <>
      {query.isError && <Alert type="error" showIcon title={errorText(query.error)} style={{ marginBottom: 12 }} />}
      {query.data && query.data.items.length < query.data.total && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('obligations.calendar.truncated', { shown: query.data.items.length, total: query.data.total })}
        />
      )}
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }} aria-live="polite">
          {month.format(t('obligations.calendar.monthFormat'))}
        </Typography.Title>
        <Flex wrap gap={8}>
          <Button onClick={() => setMonth(month.subtract(1, 'month'))}>{t('obligations.calendar.previous')}</Button>
          <Button onClick={() => setMonth(dayjs(today()).startOf('month'))}>
            {t('obligations.calendar.thisMonth')}
          </Button>
          <Button onClick={() => setMonth(month.add(1, 'month'))}>{t('obligations.calendar.next')}</Button>
          <DatePicker
            picker="month"
            allowClear={false}
            aria-label={t('obligations.calendar.pickMonth')}
            value={month}
            onChange={(value) => value && setMonth(value.startOf('month'))}
          />
        </Flex>
      </Flex>
      <Spin spinning={query.isFetching} description={t('common.loading')}>
        <Calendar
          className="obligations-month"
          value={month}
          headerRender={() => null}
          cellRender={(date, info) => (info.type === 'date' ? cell(date) : info.originNode)}
        />
      </Spin>
    </>
  );
}
