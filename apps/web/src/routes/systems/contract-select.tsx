import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ContractListItem } from '@custodian/shared';
import { api } from '../../api/client.js';
import type { Page } from '../../api/types.js';

type Props = {
  id?: string;
  /** Only contracts of this unit can be linked (LINK_ORG_MISMATCH otherwise). */
  unitId?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  /** Labels for contracts already linked, which the search may not return. */
  known?: { id: string; number: string; name: string }[];
  'aria-label'?: string;
};

/** Picks the contracts of one unit a system belongs to; searches the server. */
export function ContractSelect(props: Props) {
  const { unitId, value, onChange, known = [], ...rest } = props;
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(search), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const options = useQuery({
    queryKey: ['contract-options', unitId, debounced],
    queryFn: () => api<Page<ContractListItem>>('/contracts', { query: { unitId, q: debounced, pageSize: 50 } }),
    enabled: Boolean(unitId),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const listed = unitId ? (options.data?.items ?? []) : [];
  const all = [...listed, ...known.filter((k) => !listed.some((c) => c.id === k.id))];
  return (
    <Select<string[]>
      {...rest}
      mode="multiple"
      value={value}
      onChange={(next) => onChange?.(next)}
      disabled={!unitId}
      placeholder={unitId ? t('systems.form.contractsPlaceholder') : t('systems.form.pickUnitFirst')}
      loading={options.isFetching}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onOpenChange={(open) => {
        if (!open) {
          setSearch('');
        }
      }}
      notFoundContent={t('systems.form.noContracts')}
      options={all.map((c) => ({ value: c.id, label: `${c.number} ${c.name}` }))}
    />
  );
}
