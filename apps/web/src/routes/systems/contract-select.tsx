import { Select } from 'antd';
import { useTranslation } from 'react-i18next';

import { useServerSearch } from '../../lib/use-server-search.js';
import { queryKeys } from '../../api/query-keys.js';
import { TabSafe } from '../../components/tab-safe.js';

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
  const { items: listed, selectProps } = useServerSearch({
    key: queryKeys.contracts.options,
    path: '/api/v1/contracts',
    query: { unitId },
    enabled: Boolean(unitId),
  });
  const all = [...listed, ...known.filter((k) => !listed.some((c) => c.id === k.id))];
  return (
    <TabSafe>
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
    </TabSafe>
  );
}
