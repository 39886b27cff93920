import type { CSSProperties } from 'react';
import { Select } from 'antd';

import { useServerSearch } from '../../lib/use-server-search.js';
import { queryKeys } from '../../api/query-keys.js';
import { useOrgName } from '../../lib/use-org-name.js';

type Props = {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  'aria-label'?: string;
  allowClear?: boolean;
  style?: CSSProperties;
};

/**
 * A system that can still receive allocations (not decommissioned), searched on the server
 * by name; works as an antd Form control.
 */
export function SystemSelect(props: Props) {
  const { value, onChange, ...rest } = props;
  const orgName = useOrgName();
  const { items, selectProps } = useServerSearch({ key: queryKeys.allocations.systemOptions, path: '/api/v1/systems' });
  const systems = items.filter((s) => s.status !== 'decommissioned');
  return (
    <Select<string>
      {...rest}
      {...selectProps}
      value={value}
      onChange={(next) => onChange?.(next)}
      options={systems.map((s) => ({ value: s.id, label: `${s.name} — ${orgName(s.orgName, s.orgNameEn)}` }))}
    />
  );
}
