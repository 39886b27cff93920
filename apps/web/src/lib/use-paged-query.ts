import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TablePaginationConfig } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { Page } from '../api/types.js';

type Filters = Record<string, string | undefined>;

/**
 * A server-paginated list: filters and page live here, the table gets ready-made
 * pagination props. Changing a filter goes back to page 1.
 */
export function usePagedQuery<T, F extends Filters>(options: { key: string; path: string; initialFilters: F }) {
  const { t } = useTranslation();
  const [filters, setFiltersState] = useState<F>(options.initialFilters);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const query = useQuery({
    queryKey: [options.key, filters, page, pageSize],
    queryFn: () => api<Page<T>>(options.path, { query: { ...filters, page, pageSize } }),
    placeholderData: keepPreviousData,
  });

  const setFilter = <K extends keyof F>(name: K, value: F[K]) => {
    setFiltersState((prev) => ({ ...prev, [name]: value }));
    setPage(1);
  };

  const pagination: TablePaginationConfig = {
    current: page,
    pageSize,
    total: query.data?.total ?? 0,
    showSizeChanger: true,
    showTotal: (total) => t('common.total', { count: total }),
    onChange: (nextPage, nextSize) => {
      setPage(nextSize !== pageSize ? 1 : nextPage);
      setPageSize(nextSize);
    },
  };

  return { query, filters, setFilter, pagination };
}
