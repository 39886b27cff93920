import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TablePaginationConfig } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { getList, type ListPath } from '../api/client.js';
import { withParams } from './search-params.js';

type Filters = Record<string, string | undefined>;

export type PagedQueryOptions<P extends ListPath, F extends Filters> = {
  key: string;
  path: P;
  initialFilters: F;
  /**
   * Filters kept in the address (`?status=expired`) rather than in component state, so a
   * link such as a dashboard card opens the list filtered, and reload, back and a shared
   * address keep the filter. The address is their only source: `initialFilters` does not
   * apply to them.
   */
  urlFilters?: readonly (keyof F & string)[];
};

/** The page sizes a list offers. */
export const PAGE_SIZES = [10, 20, 50, 100] as const;

/**
 * The page-size select of a paginated table, reading 「每頁 20 筆」 / "20 per page" (antd's
 * own label is 「20 條/頁」, which is not Taiwan usage and cannot be reordered by its locale).
 */
export function usePageSizeChanger(): TablePaginationConfig['showSizeChanger'] {
  const { t } = useTranslation();
  return { options: PAGE_SIZES.map((size) => ({ value: size, label: t('common.perPage', { count: size }) })) };
}

/**
 * A server-paginated list: filters and page live here, the table gets ready-made
 * pagination props. Changing a filter, here or in the address, goes back to page 1.
 */
export function usePagedQuery<P extends ListPath, F extends Filters>(options: PagedQueryOptions<P, F>) {
  const { t } = useTranslation();
  const sizeChanger = usePageSizeChanger();
  const [searchParams, setSearchParams] = useSearchParams();
  const urlKeys: readonly string[] = options.urlFilters ?? [];
  const [localFilters, setLocalFilters] = useState<F>(options.initialFilters);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);

  const filters: F = { ...localFilters };
  for (const name of urlKeys) {
    (filters as Filters)[name] = searchParams.get(name) || undefined;
  }
  // A filter changed from outside (a link to the same page with other parameters): page 1.
  const urlSignature = urlKeys.map((name) => `${name}=${searchParams.get(name) ?? ''}`).join('&');
  const [seenSignature, setSeenSignature] = useState(urlSignature);
  if (seenSignature !== urlSignature) {
    setSeenSignature(urlSignature);
    setPage(1);
  }

  const query = useQuery({
    queryKey: [options.key, filters, page, pageSize],
    queryFn: () => getList(options.path, { ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });

  /** Sets several filters at once (one history entry, one request). */
  const setFilters = (patch: Partial<F>) => {
    const entries = Object.entries(patch) as [string, string | undefined][];
    const inUrl = entries.filter(([name]) => urlKeys.includes(name));
    const inState = entries.filter(([name]) => !urlKeys.includes(name));
    if (inState.length > 0) {
      setLocalFilters((prev) => ({ ...prev, ...Object.fromEntries(inState) }));
    }
    if (inUrl.length > 0) {
      setSearchParams((prev) => withParams(prev, Object.fromEntries(inUrl)), { replace: true });
    }
    setPage(1);
  };
  const setFilter = <K extends keyof F & string>(name: K, value: F[K]) => {
    const patch: Partial<F> = {};
    patch[name] = value;
    setFilters(patch);
  };

  // Not every list envelope has the flag (summaries without pageOf): absent means exact.
  const totalIsEstimate = query.data !== undefined && 'totalIsEstimate' in query.data && query.data.totalIsEstimate;
  const pagination: TablePaginationConfig = {
    current: page,
    pageSize,
    total: query.data?.total ?? 0,
    showSizeChanger: sizeChanger,
    // Beyond its bound (10,000 matching rows; 1,000 for findings) the server estimates the
    // total rather than counting it (`totalIsEstimate`), and says so: 「約 40,000 筆」.
    showTotal: (total) =>
      totalIsEstimate ? t('common.totalEstimate', { count: total }) : t('common.total', { count: total }),
    onChange: (nextPage, nextSize) => {
      setPage(nextSize !== pageSize ? 1 : nextPage);
      setPageSize(nextSize);
    },
  };

  return { query, filters, setFilter, setFilters, pagination };
}
