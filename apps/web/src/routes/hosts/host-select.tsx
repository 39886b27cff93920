import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Host } from '@custodian/shared';
import { api } from '../../api/client.js';
import type { Page } from '../../api/types.js';

type Props = {
  id?: string;
  /** Only hosts of this unit can serve its systems. */
  orgId?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  /** Hosts not to offer (already linked). */
  exclude?: string[];
  /** Labels for hosts already chosen, which the search may not return. */
  known?: { id: string; hostname: string; ips: string[] }[];
  'aria-label'?: string;
};

const label = (h: { hostname: string; ips: string[] }) =>
  h.ips.length > 0 ? `${h.hostname} (${h.ips.join(', ')})` : h.hostname;

/** Picks hosts of one unit by name or address; searches the server. */
export function HostSelect(props: Props) {
  const { orgId, value, onChange, exclude = [], known = [], ...rest } = props;
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(search), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const options = useQuery({
    queryKey: ['host-options', orgId, debounced],
    queryFn: () => api<Page<Host>>('/hosts', { query: { orgId, q: debounced, pageSize: 50 } }),
    enabled: Boolean(orgId),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const listed = orgId ? (options.data?.items ?? []) : [];
  const all = [...listed, ...known.filter((k) => !listed.some((h) => h.id === k.id))].filter(
    (h) => !exclude.includes(h.id),
  );
  return (
    <Select<string[]>
      {...rest}
      mode="multiple"
      value={value}
      onChange={(next) => onChange?.(next)}
      disabled={!orgId}
      placeholder={orgId ? t('hosts.select.placeholder') : t('hosts.select.pickUnitFirst')}
      loading={options.isFetching}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onOpenChange={(open) => {
        if (!open) {
          setSearch('');
        }
      }}
      notFoundContent={t('hosts.select.none')}
      options={all.map((h) => ({ value: h.id, label: label(h) }))}
    />
  );
}
