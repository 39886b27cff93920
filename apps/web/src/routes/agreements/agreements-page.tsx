import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../not-found-page.js';
import { AgreementDetailPage } from './agreement-detail-page.js';
import { AgreementsListPage } from './agreements-list-page.js';
import { CommitmentsListPage } from './commitments-list-page.js';
import { MyCommitmentsPage } from './my-commitments-page.js';

/**
 * /agreements (list), /agreements/my (the signed-in user's commitments), /agreements/commitments
 * (every commitment in scope, by expiry: the dashboard's cards) and /agreements/:id.
 */
export function AgreementsPage() {
  return (
    <Routes>
      <Route index element={<AgreementsListPage />} />
      <Route path="my" element={<MyCommitmentsPage />} />
      <Route path="commitments" element={<CommitmentsListPage />} />
      <Route path=":id" element={<AgreementDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
