import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { OBLIGATION_STATES, type ObligationStateFilter } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { queryKeys } from '../../api/query-keys.js';
import { useCurrentUser } from '../../auth/session-context.js';
import { OrgSelect } from '../../components/org-select.js';
import { canSee } from '../../lib/permissions.js';
import { useServerSearch } from '../../lib/use-server-search.js';
import { seesManyUnits, useItemLabel } from './obligation-parts.js';

/** The filters of the to-do list and the calendar, kept in the address (ADR 0011). */
export type ObligationFilters = {
  q?: string;
  item?: string;
  orgId?: string;
  state?: string;
  ownerUserId?: string;
};

/** Names of the filters kept in the address. */
export const OBLIGATION_URL_FILTERS = ['item', 'orgId', 'state', 'ownerUserId'] as const;

/**
 * The items of the regulation the engine has rules for from day one (issue 13); items
 * that the counts report (rules added by later modules) are offered too.
 */
const KNOWN_ITEMS = [
  '二',
  '三',
  '十',
  '十一',
  '十二',
  '十五',
  '十七',
  '二十二',
  '二十九',
  '三十二',
  '三十五(七)',
  '三十九',
  '四十二',
  '四十三(一)3',
];

/** The regulation items to offer in a filter. */
export function useItemOptions(): { value: string; label: string }[] {
  const itemLabel = useItemLabel();
  const counts = useQuery({
    queryKey: queryKeys.obligations.counts,
    queryFn: () => unwrap(http.GET('/api/v1/obligations/counts')),
    staleTime: 60_000,
  });
  const items = [...KNOWN_ITEMS];
  for (const row of counts.data?.byItem ?? []) {
    if (!items.includes(row.item)) {
      items.push(row.item);
    }
  }
  return items.map((item) => ({ value: item, label: itemLabel(item) }));
}

function OwnerSelect(props: { value?: string; onChange: (value: string | undefined) => void }) {
  const { t } = useTranslation();
  const { items, selectProps } = useServerSearch({
    key: queryKeys.obligations.ownerOptions,
    path: '/api/v1/users',
    pageSize: 50,
  });
  return (
    <Select<string>
      {...selectProps}
      aria-label={t('obligations.fields.responsible')}
      placeholder={t('obligations.allOwners')}
      allowClear
      value={props.value}
      onChange={(value?: string) => props.onChange(value)}
      options={items.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }))}
      style={{ width: 220 }}
    />
  );
}

/**
 * Selects for item, unit, state and owner. Unit and owner are offered to those who see
 * more than their own unit; `states` limits the state choices (the to-do list shows only
 * open obligations).
 */
export function ObligationFilterBar(props: {
  filters: ObligationFilters;
  onChange: (patch: Partial<ObligationFilters>) => void;
  states?: readonly ObligationStateFilter[];
  showOwner?: boolean;
}) {
  const { filters, onChange, states = [...OBLIGATION_STATES, 'open'], showOwner = true } = props;
  const { t } = useTranslation();
  const user = useCurrentUser();
  const itemOptions = useItemOptions();
  return (
    <>
      <Select<string>
        aria-label={t('obligations.itemLabel')}
        placeholder={t('obligations.allItems')}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        value={filters.item}
        onChange={(value?: string) => onChange({ item: value })}
        options={itemOptions}
        style={{ width: 160 }}
      />
      {seesManyUnits(user.role) && (
        <OrgSelect
          aria-label={t('obligations.fields.unit')}
          placeholder={t('obligations.allUnits')}
          kinds={['unit']}
          includeInactive
          allowClear
          value={filters.orgId}
          onChange={(value) => onChange({ orgId: typeof value === 'string' ? value : undefined })}
          style={{ width: 240 }}
        />
      )}
      <Select<string>
        aria-label={t('obligations.fields.state')}
        placeholder={t('obligations.allStates')}
        allowClear
        value={filters.state}
        onChange={(value?: string) => onChange({ state: value })}
        options={states.map((s) => ({ value: s, label: t(`obligations.states.${s}`) }))}
        style={{ width: 170 }}
      />
      {showOwner && canSee(user.role, 'users') && (
        <OwnerSelect value={filters.ownerUserId} onChange={(value) => onChange({ ownerUserId: value })} />
      )}
    </>
  );
}
