import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '@custodian/shared';
import { useServerSearch } from '../../lib/use-server-search.js';
import { queryKeys } from '../../api/query-keys.js';
import { TabSafe } from '../../components/tab-safe.js';

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
  const { items: listed, selectProps } = useServerSearch({
    key: queryKeys.systems.options,
    path: '/api/v1/systems',
    query: { orgId },
    enabled: Boolean(orgId),
  });
  const all = [...listed, ...known.filter((k) => !listed.some((s) => s.id === k.id))];
  return (
    <TabSafe>
      <Select<string[]>
        {...rest}
        {...selectProps}
        mode="multiple"
        value={value}
        onChange={(next) => onChange?.(next)}
        disabled={!orgId}
        placeholder={orgId ? t('hosts.form.systemsPlaceholder') : t('hosts.select.pickUnitFirst')}
        notFoundContent={t('hosts.form.noSystems')}
        options={all.map((s) => ({
          value: s.id,
          label: s.status === 'decommissioned' ? t('hosts.form.systemOffline', { name: s.name }) : s.name,
          disabled: s.status === 'decommissioned',
        }))}
      />
    </TabSafe>
  );
}
