import { useState } from 'react';
import { Input, Typography } from 'antd';
import type { SearchProps } from 'antd/es/input/Search.js';
import { useTranslation } from 'react-i18next';
import { MAX_SEARCH_LENGTH } from '@custodian/shared';

const cut = (text: string) => [...text].slice(0, MAX_SEARCH_LENGTH).join('');

/**
 * A list's search box, limited to MAX_SEARCH_LENGTH characters (the server refuses longer
 * with SEARCH_TOO_LONG). Text typed or pasted past the limit is cut there, and the box says
 * so instead of cutting silently.
 */
export function SearchBox(props: Omit<SearchProps, 'value'>) {
  const { t } = useTranslation();
  const { onChange, onSearch, defaultValue, ...rest } = props;
  const [text, setText] = useState(typeof defaultValue === 'string' ? cut(defaultValue) : '');
  const [isCut, setCut] = useState(false);
  return (
    <span style={{ display: 'inline-flex', flexDirection: 'column' }}>
      <Input.Search
        {...rest}
        value={text}
        status={isCut ? 'warning' : rest.status}
        onChange={(event) => {
          const typed = event.target.value;
          setText(cut(typed));
          setCut([...typed].length > MAX_SEARCH_LENGTH);
          onChange?.(event);
        }}
        onSearch={(value, event, info) => onSearch?.(cut(value), event, info)}
      />
      {isCut && (
        <Typography.Text type="warning" role="alert" style={{ fontSize: 12 }}>
          {t('validation.searchTooLong', { max: MAX_SEARCH_LENGTH })}
        </Typography.Text>
      )}
    </span>
  );
}
