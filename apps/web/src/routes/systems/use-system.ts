import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SystemDetail } from '@custodian/shared';
import { api } from '../../api/client.js';

/** The query of one system; mutations put their answer here. */
export function useSystemQuery(id: string) {
  return useQuery({ queryKey: ['system', id], queryFn: () => api<SystemDetail>(`/systems/${id}`) });
}

/** Stores a system returned by a mutation and refreshes the lists that show it. */
export function useStoreSystem(): (system: SystemDetail) => void {
  const queryClient = useQueryClient();
  return (system: SystemDetail) => {
    queryClient.setQueryData(['system', system.id], system);
    void queryClient.invalidateQueries({ queryKey: ['systems'] });
    void queryClient.invalidateQueries({ queryKey: ['systems-overdue-summary'] });
    void queryClient.invalidateQueries({ queryKey: ['hosts'] });
    void queryClient.invalidateQueries({ queryKey: ['host'] });
  };
}

/** Refreshes everything that shows systems, after a change made elsewhere (contacts, hosts). */
export function useRefreshSystems(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['system'] }),
      queryClient.invalidateQueries({ queryKey: ['systems'] }),
      queryClient.invalidateQueries({ queryKey: ['system-contacts'] }),
      queryClient.invalidateQueries({ queryKey: ['systems-overdue-summary'] }),
    ]);
  };
}
