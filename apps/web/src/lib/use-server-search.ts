import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type QueryValue } from '../api/client.js';
import type { Page } from '../api/types.js';

/** Typing pauses this long before the server is asked. */
const DEBOUNCE_MS = 250;

/**
 * The options of a select that searches the server as the user types: the text is
 * debounced and sent as `q` with the other `query` parameters, and cleared when the
 * drop-down closes. Spread `selectProps` onto an antd Select.
 */
export function useServerSearch<T>(options: {
  /** Query-cache key of this kind of option; the parameters and the text are added. */
  key: string;
  path: string;
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
    queryFn: () => api<Page<T>>(path, { query: { ...query, q: debounced, pageSize } }),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  return {
    items: enabled ? (result.data?.items ?? []) : [],
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
