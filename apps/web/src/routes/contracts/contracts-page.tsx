import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../not-found-page.js';
import { ContractDetailPage } from './contract-detail-page.js';
import { ContractsListPage } from './contracts-list-page.js';

/** /contracts (list) and /contracts/:id (detail with tabs). */
export function ContractsPage() {
  return (
    <Routes>
      <Route index element={<ContractsListPage />} />
      <Route path=":id" element={<ContractDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
