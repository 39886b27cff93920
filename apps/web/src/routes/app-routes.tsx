import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { fetchSetupStatus } from '../api/session.js';
import { useSession } from '../auth/session-context.js';
import { AppLayout } from '../components/app-layout.js';
import { SectionGuard } from '../components/section-guard.js';
import { useErrorText } from '../lib/errors.js';
import { LoginPage } from './login/login-page.js';
import { SetupPage } from './setup/setup-page.js';
import { MfaEnrolmentPage } from './mfa-enrolment/mfa-enrolment-page.js';
import { InvitePage } from './invite/invite-page.js';
import { DashboardPage } from './dashboard/dashboard-page.js';
import { OrganisationsPage } from './organisations/organisations-page.js';
import { UsersPage } from './users/users-page.js';
import { AccountPage } from './account/account-page.js';
import { AuditPage } from './audit/audit-page.js';
import { FailedJobsPage } from './jobs/failed-jobs-page.js';
import { ContractsPage } from './contracts/contracts-page.js';
import { SystemsPage } from './systems/systems-page.js';
import { HostsPage } from './hosts/hosts-page.js';
import { AllocationsPage } from './allocations/allocations-page.js';
import { VendorsPage } from './vendors/vendors-page.js';
import { ImportsPage } from './imports/imports-page.js';
import { PolicyPage } from './policy/policy-page.js';
import { NotificationsPage } from './notifications/notifications-page.js';
import { OutboxPage } from './notifications/outbox-page.js';
import { NotFoundPage } from './not-found-page.js';
import { queryKeys } from '../api/query-keys.js';

function FullPageSpin() {
  const { t } = useTranslation();
  return (
    <div className="auth-page" aria-busy="true">
      <Spin size="large" description={t('common.loading')} />
    </div>
  );
}

/** Sends signed-out users to login, and half-signed-in ones to their MFA step. */
function RequireActive({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (!session || session.stage === 'mfa_pending') {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  if (session.stage === 'mfa_enrolment') {
    return <Navigate to="/mfa-enrolment" replace />;
  }
  return children;
}

/** First-run routing: while the database is empty only the setup page is reachable. */
export function AppRoutes() {
  const { isLoading } = useSession();
  const location = useLocation();
  const errorText = useErrorText();
  const setup = useQuery({ queryKey: queryKeys.session.setupStatus, queryFn: fetchSetupStatus, staleTime: Infinity });
  if (setup.isPending || isLoading) {
    return <FullPageSpin />;
  }
  if (setup.isError) {
    return <Result status="error" title={errorText(setup.error)} />;
  }
  const isSetupPath = location.pathname === '/setup';
  if (setup.data.needsSetup && !isSetupPath) {
    return <Navigate to="/setup" replace />;
  }
  return (
    <Routes>
      <Route path="/setup" element={setup.data.needsSetup ? <SetupPage /> : <Navigate to="/" replace />} />
      <Route path="/login" element={<LoginPage />} />
      <Route path="/invite/:token" element={<InvitePage />} />
      <Route path="/mfa-enrolment" element={<MfaEnrolmentPage />} />
      <Route
        element={
          <RequireActive>
            <AppLayout />
          </RequireActive>
        }
      >
        <Route index element={<DashboardPage />} />
        <Route path="contracts/*" element={<SectionGuard section="contracts" element={<ContractsPage />} />} />
        <Route path="systems/*" element={<SectionGuard section="systems" element={<SystemsPage />} />} />
        <Route path="hosts/*" element={<SectionGuard section="hosts" element={<HostsPage />} />} />
        <Route path="allocations/*" element={<SectionGuard section="allocations" element={<AllocationsPage />} />} />
        <Route path="vendors/*" element={<SectionGuard section="vendors" element={<VendorsPage />} />} />
        <Route path="imports/*" element={<SectionGuard section="imports" element={<ImportsPage />} />} />
        <Route path="policy/*" element={<SectionGuard section="policy" element={<PolicyPage />} />} />
        <Route
          path="organisations"
          element={<SectionGuard section="organisations" element={<OrganisationsPage />} />}
        />
        <Route path="users" element={<SectionGuard section="users" element={<UsersPage />} />} />
        <Route path="audit" element={<SectionGuard section="audit" element={<AuditPage />} />} />
        <Route path="jobs" element={<SectionGuard section="jobs" element={<FailedJobsPage />} />} />
        <Route path="outbox" element={<SectionGuard section="outbox" element={<OutboxPage />} />} />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route path="account" element={<AccountPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
