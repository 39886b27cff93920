import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../not-found-page.js';
import { SystemDetailPage } from './system-detail-page.js';
import { SystemsListPage } from './systems-list-page.js';

/** /systems (list, with the Ministry's overdue-contacts view) and /systems/:id (detail with tabs). */
export function SystemsPage() {
  return (
    <Routes>
      <Route index element={<SystemsListPage />} />
      <Route path=":id" element={<SystemDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
