import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { System } from '@custodian/shared';
import { api } from '../../api/client.js';
import type { Page } from '../../api/types.js';

type Props = {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  'aria-label'?: string;
};

/**
 * A system that can still receive allocations (not decommissioned), searched on the server
 * by name; works as an antd Form control.
 */
export function SystemSelect(props: Props) {
  const { value, onChange, ...rest } = props;
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(search), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const options = useQuery({
    queryKey: ['allocation-system-options', debounced],
    queryFn: () => api<Page<System>>('/systems', { query: { q: debounced, pageSize: 50 } }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const systems = (options.data?.items ?? []).filter((s) => s.status !== 'decommissioned');
  return (
    <Select<string>
      {...rest}
      value={value}
      onChange={(next) => onChange?.(next)}
      loading={options.isFetching}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onOpenChange={(open) => {
        if (!open) {
          setSearch('');
        }
      }}
      options={systems.map((s) => ({ value: s.id, label: `${s.name} — ${s.orgName}` }))}
    />
  );
}
