import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../not-found-page.js';
import { HostDetailPage } from './host-detail-page.js';
import { HostsListPage } from './hosts-list-page.js';

/** /hosts (list) and /hosts/:id (detail with the systems served). */
export function HostsPage() {
  return (
    <Routes>
      <Route index element={<HostsListPage />} />
      <Route path=":id" element={<HostDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
