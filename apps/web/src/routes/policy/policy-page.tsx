import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../not-found-page.js';
import { PolicyOverview } from './policy-overview.js';
import { PolicyPublishPage } from './policy-publish-page.js';
import { PolicyVersionView } from './policy-version-view.js';

/** /policy: the rule set in force and its history, a version's rules, and publication (ADR 0009). */
export function PolicyPage() {
  return (
    <Routes>
      <Route index element={<PolicyOverview />} />
      <Route path="versions/:id" element={<PolicyVersionView />} />
      <Route path="publish" element={<PolicyPublishPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
