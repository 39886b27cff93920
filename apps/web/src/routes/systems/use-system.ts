import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SystemDetail } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { listKey, queryKeys } from '../../api/query-keys.js';

/** The query of one system; mutations put their answer here. */
export function useSystemQuery(id: string) {
  return useQuery({
    queryKey: queryKeys.systems.detail(id),
    queryFn: () => unwrap(http.GET('/api/v1/systems/{id}', { params: { path: { id } } })),
  });
}

/** Stores a system returned by a mutation and refreshes the lists that show it. */
export function useStoreSystem(): (system: SystemDetail) => void {
  const queryClient = useQueryClient();
  return (system: SystemDetail) => {
    queryClient.setQueryData(queryKeys.systems.detail(system.id), system);
    void queryClient.invalidateQueries({ queryKey: listKey(queryKeys.systems.list) });
    void queryClient.invalidateQueries({ queryKey: listKey(queryKeys.systems.overdueSummary) });
    void queryClient.invalidateQueries({ queryKey: listKey(queryKeys.hosts.list) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.hosts.all });
    void queryClient.invalidateQueries({ queryKey: queryKeys.obligations.all });
  };
}

/** Refreshes everything that shows systems, after a change made elsewhere (contacts, hosts). */
export function useRefreshSystems(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.systems.all }),
      queryClient.invalidateQueries({ queryKey: listKey(queryKeys.systems.list) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.systems.allContacts }),
      queryClient.invalidateQueries({ queryKey: listKey(queryKeys.systems.overdueSummary) }),
      // A system's changes fulfil or create obligations (contacts of item 十).
      queryClient.invalidateQueries({ queryKey: queryKeys.obligations.all }),
    ]);
  };
}
