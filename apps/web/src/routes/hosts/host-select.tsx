import { Select } from 'antd';
import { useTranslation } from 'react-i18next';

import { useServerSearch } from '../../lib/use-server-search.js';
import { queryKeys } from '../../api/query-keys.js';
import { TabSafe } from '../../components/tab-safe.js';

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
  const { items: listed, selectProps } = useServerSearch({
    key: queryKeys.hosts.options,
    path: '/api/v1/hosts',
    query: { orgId },
    enabled: Boolean(orgId),
  });
  const all = [...listed, ...known.filter((k) => !listed.some((h) => h.id === k.id))].filter(
    (h) => !exclude.includes(h.id),
  );
  return (
    <TabSafe>
      <Select<string[]>
        {...rest}
        {...selectProps}
        mode="multiple"
        value={value}
        onChange={(next) => onChange?.(next)}
        disabled={!orgId}
        placeholder={orgId ? t('hosts.select.placeholder') : t('hosts.select.pickUnitFirst')}
        notFoundContent={t('hosts.select.none')}
        options={all.map((h) => ({ value: h.id, label: label(h) }))}
      />
    </TabSafe>
  );
}
