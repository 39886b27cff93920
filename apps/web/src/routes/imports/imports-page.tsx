import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../not-found-page.js';
import { ImportJobPage } from './import-job-page.js';
import { ImportStartPage } from './import-start-page.js';

/** /imports (template, upload, exports) and /imports/:id (preview, errors, commit). */
export function ImportsPage() {
  return (
    <Routes>
      <Route index element={<ImportStartPage />} />
      <Route path=":id" element={<ImportJobPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
