import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getList, type ListItem, type ListPath, type QueryValue } from '../api/client.js';

/** Typing pauses this long before the server is asked. */
const DEBOUNCE_MS = 250;

/**
 * The options of a select that searches the server as the user types: the text is
 * debounced and sent as `q` with the other `query` parameters, and cleared when the
 * drop-down closes. Spread `selectProps` onto an antd Select.
 */
export function useServerSearch<P extends ListPath>(options: {
  /** Query-cache key of this kind of option; the parameters and the text are added. */
  key: string;
  path: P;
  query?: Record<string, QueryValue>;
  pageSize?: number;
  /** False while a prerequisite (the unit) is missing: nothing is asked, nothing listed. */
  enabled?: boolean;
}) {
  const { key, path, query = {}, pageSize = 50, enabled = true } = options;
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(search), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [search]);
  const result = useQuery({
    queryKey: [key, query, debounced],
    queryFn: () => getList(path, { ...query, q: debounced, pageSize }),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  return {
    items: (enabled ? (result.data?.items ?? []) : []) as ListItem<P>[],
    selectProps: {
      loading: result.isFetching,
      showSearch: { filterOption: false, onSearch: setSearch },
      onOpenChange: (open: boolean) => {
        if (!open) {
          setSearch('');
        }
      },
    },
  };
}
