import { useId, useState } from 'react';
import { Alert, Badge, Button, Card, Empty, Flex, List, Result, Skeleton, Space, Typography, theme } from 'antd';
import { CalendarOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { OPEN_OBLIGATION_STATES, type ObligationItem, type ObligationTodo } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { queryKeys } from '../../api/query-keys.js';
import { useCurrentUser } from '../../auth/session-context.js';
import { PageTitle } from '../../components/page-title.js';
import { useErrorText } from '../../lib/errors.js';
import { withParams } from '../../lib/search-params.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { ObligationDrawer } from './obligation-drawer.js';
import { ObligationFilterBar, type ObligationFilters } from './obligation-filters.js';
import {
  DueHint,
  ObligationStateTag,
  hasRecordLink,
  seesManyUnits,
  useItemLabel,
  useObligationTitle,
} from './obligation-parts.js';
import { useOrgName } from '../../lib/use-org-name.js';

const GROUPS = ['overdue', 'thisWeek', 'thisMonth', 'later'] as const;
type Group = (typeof GROUPS)[number];

/** The to-do list's own filters, applied to the answer (it is one person's list, not paged). */
function applyFilters(items: ObligationItem[], filters: ObligationFilters): ObligationItem[] {
  return items.filter(
    (o) =>
      (!filters.item || o.item === filters.item) &&
      (!filters.orgId || o.orgId === filters.orgId) &&
      (!filters.state || o.state === filters.state),
  );
}

function TodoEntry(props: { item: ObligationItem; showUnit: boolean; onDetails: () => void }) {
  const { item, showUnit, onDetails } = props;
  const { t } = useTranslation();
  const orgName = useOrgName();
  const formatDate = useFormatDate();
  const titleOf = useObligationTitle();
  const itemLabel = useItemLabel();
  const title = titleOf(item.title);
  return (
    <List.Item
      data-testid="todo-item"
      actions={[
        <Button
          key="details"
          size="small"
          onClick={onDetails}
          aria-label={t('obligations.todo.detailsNamed', { title })}
        >
          {t('obligations.todo.details')}
        </Button>,
      ]}
    >
      <List.Item.Meta
        title={
          <Space wrap size={[8, 4]}>
            {hasRecordLink(item) ? (
              <Link to={item.link} aria-label={t('obligations.todo.openNamed', { title })}>
                {title}
              </Link>
            ) : (
              <Typography.Link onClick={onDetails} aria-label={t('obligations.todo.openNamed', { title })}>
                {title}
              </Typography.Link>
            )}
            <ObligationStateTag state={item.state} />
          </Space>
        }
        description={
          <Space wrap separator="·" size={[8, 0]}>
            <span>{itemLabel(item.item)}</span>
            <span>
              {t(`obligations.subjectTypes.${item.subject.type}`, { defaultValue: item.subject.type })}：
              {orgName(item.subject.name, item.subject.nameEn)}
            </span>
            {showUnit && <span>{orgName(item.orgName, item.orgNameEn)}</span>}
            {item.responsibleName && <span>{item.responsibleName}</span>}
            <span>
              {t('obligations.fields.dueOn')} {formatDate(item.dueOn, false)}
            </span>
            <DueHint item={item} />
          </Space>
        }
      />
    </List.Item>
  );
}

function TodoGroup(props: {
  group: Group;
  items: ObligationItem[];
  showUnit: boolean;
  onDetails: (id: string) => void;
}) {
  const { group, items, showUnit, onDetails } = props;
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const headingId = useId();
  return (
    <Card
      className={`todo-group todo-group-${group}`}
      size="small"
      role="region"
      aria-labelledby={headingId}
      title={
        <Flex align="center" gap={8}>
          <Typography.Title level={2} id={headingId} style={{ fontSize: 16, margin: 0 }}>
            {t(`obligations.todo.groups.${group}`)}
          </Typography.Title>
          <Badge
            count={items.length}
            showZero
            color={group === 'overdue' && items.length > 0 ? token.colorError : token.colorTextTertiary}
            title={t('obligations.todo.groupCount', { count: items.length })}
          />
        </Flex>
      }
    >
      {items.length === 0 ? (
        <Typography.Text type="secondary">{t('obligations.todo.groupEmpty')}</Typography.Text>
      ) : (
        <List
          itemLayout="horizontal"
          dataSource={items}
          rowKey="id"
          renderItem={(item) => <TodoEntry item={item} showUnit={showUnit} onDetails={() => onDetails(item.id)} />}
        />
      )}
    </Card>
  );
}

/**
 * My to-do list (issue 13 part 3), the first page after sign-in: the obligations the
 * user answers for, grouped overdue, this week, this month and later, each linking to the
 * record and the action that fulfils it. The Ministry's roles see every unit in their
 * scope and filter by unit, item and state (kept in the address).
 */
export function TodoPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const errorText = useErrorText();
  const [searchParams, setSearchParams] = useSearchParams();
  const [detailId, setDetailId] = useState<string | null>(null);
  const manyUnits = seesManyUnits(user.role);
  const filters: ObligationFilters = manyUnits
    ? {
        item: searchParams.get('item') ?? undefined,
        orgId: searchParams.get('orgId') ?? undefined,
        state: searchParams.get('state') ?? undefined,
      }
    : {};
  const query = useQuery({
    queryKey: queryKeys.obligations.todo,
    queryFn: () => unwrap(http.GET('/api/v1/obligations/todo')),
  });

  const data: ObligationTodo | undefined = query.data;
  const groups: Record<Group, ObligationItem[]> | null = data
    ? (Object.fromEntries(GROUPS.map((g) => [g, applyFilters(data[g], filters)])) as Record<Group, ObligationItem[]>)
    : null;
  const total = groups ? GROUPS.reduce((sum, g) => sum + groups[g].length, 0) : 0;
  const isFiltered = Boolean(filters.item || filters.orgId || filters.state);

  return (
    <>
      <PageTitle
        title={t('obligations.todo.title')}
        extra={
          <Link to="/calendar">
            <CalendarOutlined aria-hidden /> {t('obligations.todo.calendarLink')}
          </Link>
        }
      />
      <Typography.Paragraph type="secondary">
        {manyUnits ? t('obligations.todo.introMinistry') : t('obligations.todo.intro')}
      </Typography.Paragraph>
      {manyUnits && (
        <div className="page-toolbar" role="search">
          <ObligationFilterBar
            filters={filters}
            showOwner={false}
            states={OPEN_OBLIGATION_STATES}
            onChange={(patch) => setSearchParams((prev) => withParams(prev, patch), { replace: true })}
          />
        </div>
      )}
      {query.isPending && (
        <div aria-busy="true" aria-label={t('common.loading')}>
          <Skeleton active />
        </div>
      )}
      {query.isError && (
        <Alert
          type="error"
          showIcon
          title={errorText(query.error)}
          action={
            <Button size="small" onClick={() => void query.refetch()}>
              {t('obligations.todo.retry')}
            </Button>
          }
        />
      )}
      {groups && total === 0 && !isFiltered && (
        <Result
          status="success"
          icon={<CheckCircleOutlined aria-hidden />}
          title={t('obligations.todo.empty')}
          data-testid="todo-empty"
        />
      )}
      {groups && total === 0 && isFiltered && <Empty description={t('obligations.calendar.empty')} />}
      {groups && total > 0 && (
        <Flex vertical gap={16}>
          {GROUPS.map((g) => (
            <TodoGroup key={g} group={g} items={groups[g]} showUnit={manyUnits} onDetails={setDetailId} />
          ))}
        </Flex>
      )}
      <ObligationDrawer id={detailId} onClose={() => setDetailId(null)} />
    </>
  );
}
