import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContractDetail } from '@custodian/shared';
import { api } from '../../api/client.js';

/** The query of one contract; mutations put their answer here. */
export function useContractQuery(id: string) {
  return useQuery({ queryKey: ['contract', id], queryFn: () => api<ContractDetail>(`/contracts/${id}`) });
}

/** Stores a contract returned by a mutation and refreshes the lists that show it. */
export function useStoreContract(): (contract: ContractDetail) => void {
  const queryClient = useQueryClient();
  return (contract: ContractDetail) => {
    queryClient.setQueryData(['contract', contract.id], contract);
    void queryClient.invalidateQueries({ queryKey: ['contracts'] });
  };
}
