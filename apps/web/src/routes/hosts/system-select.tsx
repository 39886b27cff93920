import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { System, SystemStatus } from '@custodian/shared';
import { api } from '../../api/client.js';
import type { Page } from '../../api/types.js';

type Props = {
  id?: string;
  /** Only systems of this unit can run on its hosts. */
  orgId?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  /** Systems already linked, which the search may not return. */
  known?: { id: string; name: string; status: SystemStatus }[];
  'aria-label'?: string;
};

/**
 * Picks the systems a host serves. Decommissioned systems are shown but locked: their
 * record is final, so they can be neither added nor removed.
 */
export function SystemSelect(props: Props) {
  const { orgId, value, onChange, known = [], ...rest } = props;
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(search), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const options = useQuery({
    queryKey: ['system-options', orgId, debounced],
    queryFn: () => api<Page<System>>('/systems', { query: { orgId, q: debounced, pageSize: 50 } }),
    enabled: Boolean(orgId),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const listed = orgId ? (options.data?.items ?? []) : [];
  const all = [...listed, ...known.filter((k) => !listed.some((s) => s.id === k.id))];
  return (
    <Select<string[]>
      {...rest}
      mode="multiple"
      value={value}
      onChange={(next) => onChange?.(next)}
      disabled={!orgId}
      placeholder={orgId ? t('hosts.form.systemsPlaceholder') : t('hosts.select.pickUnitFirst')}
      loading={options.isFetching}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onOpenChange={(open) => {
        if (!open) {
          setSearch('');
        }
      }}
      notFoundContent={t('hosts.form.noSystems')}
      options={all.map((s) => ({
        value: s.id,
        label: s.status === 'decommissioned' ? t('hosts.form.systemOffline', { name: s.name }) : s.name,
        disabled: s.status === 'decommissioned',
      }))}
    />
  );
}
