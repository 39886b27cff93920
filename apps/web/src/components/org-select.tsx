import { useMemo, type CSSProperties } from 'react';
import { Select } from 'antd';
import { useQueries } from '@tanstack/react-query';
import type { OrgKind } from '@custodian/shared';
import { http, unwrap } from '../api/client.js';
import { useServerSearch } from '../lib/use-server-search.js';
import { useOrgName } from '../lib/use-org-name.js';
import { queryKeys } from '../api/query-keys.js';
import { TabSafe } from './tab-safe.js';

type Props = {
  id?: string;
  value?: string | string[];
  onChange?: (value: string | string[] | undefined) => void;
  /** Only organisations of these kinds are offered. */
  kinds?: readonly OrgKind[];
  multiple?: boolean;
  /** Also offer deactivated organisations (filters, not assignments). */
  includeInactive?: boolean;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  'aria-label'?: string;
};

/** Organisation picker searching the server; works as an antd Form control. */
export function OrgSelect(props: Props) {
  const { value, onChange, kinds, multiple, includeInactive, ...rest } = props;
  const singleKind = kinds?.length === 1 ? kinds[0] : undefined;
  const orgName = useOrgName();
  const { items, selectProps } = useServerSearch({
    key: queryKeys.organisations.options,
    path: '/api/v1/organisations',
    query: { kind: singleKind, active: includeInactive ? undefined : 'true' },
    pageSize: 100,
  });

  const selectedIds = useMemo(() => (Array.isArray(value) ? value : value ? [value] : []), [value]);
  const listed = useMemo(() => items.filter((org) => !kinds || kinds.includes(org.kind)), [items, kinds]);
  const missing = selectedIds.filter((id) => !listed.some((org) => org.id === id));
  const extras = useQueries({
    queries: missing.map((id) => ({
      queryKey: queryKeys.organisations.detail(id),
      queryFn: () => unwrap(http.GET('/api/v1/organisations/{id}', { params: { path: { id } } })),
      staleTime: 60_000,
    })),
  });
  const all = [...listed, ...extras.flatMap((q) => (q.data ? [q.data] : []))];

  return (
    <TabSafe enabled={Boolean(multiple)}>
      <Select<string | string[]>
        {...rest}
        {...selectProps}
        mode={multiple ? 'multiple' : undefined}
        value={value}
        onChange={(next) => onChange?.(next)}
        options={all.map((org) => ({ value: org.id, label: `${orgName(org.name, org.nameEn)} (${org.code})` }))}
      />
    </TabSafe>
  );
}
