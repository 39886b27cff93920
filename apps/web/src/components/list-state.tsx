import type { ReactNode } from 'react';
import { Alert, Button } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../lib/errors.js';

/** What a list's state needs from its react-query result. */
type ListQuery = {
  isError: boolean;
  isPending: boolean;
  isFetching: boolean;
  error: unknown;
  refetch: () => Promise<unknown>;
};

/**
 * A list that failed to load: the reason, and a button that asks again. Nothing when the
 * list loaded.
 */
export function ListError({ query }: { query: ListQuery }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (!query.isError) {
    return null;
  }
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={errorText(query.error)}
      style={{ marginBottom: 16 }}
      action={
        <Button size="small" icon={<ReloadOutlined />} loading={query.isFetching} onClick={() => void query.refetch()}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}

/**
 * The table's empty text: only once the list has loaded and really is empty; never beside
 * the spinner, nor under an error (which says why there are no rows).
 */
export function listEmptyText(query: ListQuery, empty: ReactNode): ReactNode {
  return query.isPending || query.isFetching || query.isError ? <span /> : empty;
}
