import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ContractListItem } from '@custodian/shared';
import { useServerSearch } from '../../lib/use-server-search.js';

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
  const { items: listed, selectProps } = useServerSearch<ContractListItem>({
    key: 'contract-options',
    path: '/contracts',
    query: { unitId },
    enabled: Boolean(unitId),
  });
  const all = [...listed, ...known.filter((k) => !listed.some((c) => c.id === k.id))];
  return (
    <Select<string[]>
      {...rest}
      {...selectProps}
      mode="multiple"
      value={value}
      onChange={(next) => onChange?.(next)}
      disabled={!unitId}
      placeholder={unitId ? t('systems.form.contractsPlaceholder') : t('systems.form.pickUnitFirst')}
      notFoundContent={t('systems.form.noContracts')}
      options={all.map((c) => ({ value: c.id, label: `${c.number} ${c.name}` }))}
    />
  );
}
