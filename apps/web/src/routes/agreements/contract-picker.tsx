import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/query-keys.js';
import { useServerSearch } from '../../lib/use-server-search.js';

type Props = {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  allowClear?: boolean;
  placeholder?: string;
  disabled?: boolean;
  style?: React.CSSProperties;
  /** The label of the current value, which the search may not return. */
  known?: { id: string; number: string; name: string };
  'aria-label'?: string;
};

/** One contract of the registry, searched on the server by number or name. */
export function ContractPicker(props: Props) {
  const { value, onChange, known, placeholder, ...rest } = props;
  const { t } = useTranslation();
  const { items, selectProps } = useServerSearch({
    key: queryKeys.agreements.contractOptions,
    path: '/api/v1/contracts',
  });
  const options = items.map((c) => ({ value: c.id, label: `${c.number} ${c.name}` }));
  if (known && !options.some((o) => o.value === known.id)) {
    options.push({ value: known.id, label: `${known.number} ${known.name}` });
  }
  return (
    <Select<string>
      {...rest}
      {...selectProps}
      value={value}
      onChange={(next) => onChange?.(next)}
      placeholder={placeholder ?? t('agreements.form.contractPlaceholder')}
      notFoundContent={t('agreements.form.noContracts')}
      options={options}
    />
  );
}
