import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { Select } from 'antd';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import type { OrgKind } from '@custodian/shared';
import { api } from '../api/client.js';
import type { Organisation, Page } from '../api/types.js';

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

function orgLabel(org: Organisation): string {
  return `${org.name} (${org.code})`;
}

/** Organisation picker searching the server; works as an antd Form control. */
export function OrgSelect(props: Props) {
  const { value, onChange, kinds, multiple, includeInactive, ...rest } = props;
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(search), 250);
    return () => clearTimeout(timer);
  }, [search]);

  const singleKind = kinds?.length === 1 ? kinds[0] : undefined;
  const options = useQuery({
    queryKey: ['org-options', kinds ?? 'all', includeInactive ?? false, debounced],
    queryFn: () =>
      api<Page<Organisation>>('/organisations', {
        query: { q: debounced, kind: singleKind, pageSize: 100, active: includeInactive ? undefined : 'true' },
      }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

  const selectedIds = useMemo(() => (Array.isArray(value) ? value : value ? [value] : []), [value]);
  const listed = useMemo(
    () => (options.data?.items ?? []).filter((org) => !kinds || kinds.includes(org.kind)),
    [options.data, kinds],
  );
  const missing = selectedIds.filter((id) => !listed.some((org) => org.id === id));
  const extras = useQueries({
    queries: missing.map((id) => ({
      queryKey: ['organisation', id],
      queryFn: () => api<Organisation>(`/organisations/${id}`),
      staleTime: 60_000,
    })),
  });
  const all = [...listed, ...extras.flatMap((q) => (q.data ? [q.data] : []))];

  return (
    <Select<string | string[]>
      {...rest}
      mode={multiple ? 'multiple' : undefined}
      value={value}
      onChange={(next) => onChange?.(next)}
      loading={options.isFetching}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onOpenChange={(open) => {
        if (!open) {
          setSearch('');
        }
      }}
      options={all.map((org) => ({ value: org.id, label: orgLabel(org) }))}
    />
  );
}
