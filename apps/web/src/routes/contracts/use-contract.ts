import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContractDetail } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { listKey, queryKeys } from '../../api/query-keys.js';

/** The query of one contract; mutations put their answer here. */
export function useContractQuery(id: string) {
  return useQuery({
    queryKey: queryKeys.contracts.detail(id),
    queryFn: () => unwrap(http.GET('/api/v1/contracts/{id}', { params: { path: { id } } })),
  });
}

/** Stores a contract returned by a mutation and refreshes the lists that show it. */
export function useStoreContract(): (contract: ContractDetail) => void {
  const queryClient = useQueryClient();
  return (contract: ContractDetail) => {
    queryClient.setQueryData(queryKeys.contracts.detail(contract.id), contract);
    void queryClient.invalidateQueries({ queryKey: listKey(queryKeys.contracts.list) });
  };
}
