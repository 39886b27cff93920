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
import { NotFoundPage } from './not-found-page.js';
import { queryKeys } from '../api/query-keys.js';
import { lazyPage } from './lazy-page.js';

// Each page is its own chunk, loaded when its route is first visited.
const LoginPage = lazyPage(() => import('./login/login-page.js'), 'LoginPage');
const SetupPage = lazyPage(() => import('./setup/setup-page.js'), 'SetupPage');
const MfaEnrolmentPage = lazyPage(() => import('./mfa-enrolment/mfa-enrolment-page.js'), 'MfaEnrolmentPage');
const InvitePage = lazyPage(() => import('./invite/invite-page.js'), 'InvitePage');
const DashboardPage = lazyPage(() => import('./dashboard/dashboard-page.js'), 'DashboardPage');
const OrganisationsPage = lazyPage(() => import('./organisations/organisations-page.js'), 'OrganisationsPage');
const UsersPage = lazyPage(() => import('./users/users-page.js'), 'UsersPage');
const AccountPage = lazyPage(() => import('./account/account-page.js'), 'AccountPage');
const AuditPage = lazyPage(() => import('./audit/audit-page.js'), 'AuditPage');
const FailedJobsPage = lazyPage(() => import('./jobs/failed-jobs-page.js'), 'FailedJobsPage');
const ContractsPage = lazyPage(() => import('./contracts/contracts-page.js'), 'ContractsPage');
const SystemsPage = lazyPage(() => import('./systems/systems-page.js'), 'SystemsPage');
const HostsPage = lazyPage(() => import('./hosts/hosts-page.js'), 'HostsPage');
const AllocationsPage = lazyPage(() => import('./allocations/allocations-page.js'), 'AllocationsPage');
const ScansPage = lazyPage(() => import('./scans/scans-page.js'), 'ScansPage');
const VendorsPage = lazyPage(() => import('./vendors/vendors-page.js'), 'VendorsPage');
const ImportsPage = lazyPage(() => import('./imports/imports-page.js'), 'ImportsPage');
const PolicyPage = lazyPage(() => import('./policy/policy-page.js'), 'PolicyPage');
const NotificationsPage = lazyPage(() => import('./notifications/notifications-page.js'), 'NotificationsPage');
const OutboxPage = lazyPage(() => import('./notifications/outbox-page.js'), 'OutboxPage');
const TodoPage = lazyPage(() => import('./obligations/todo-page.js'), 'TodoPage');
const CalendarPage = lazyPage(() => import('./obligations/calendar-page.js'), 'CalendarPage');
const PentestsPage = lazyPage(() => import('./pentests/pentests-page.js'), 'PentestsPage');
const AgreementsPage = lazyPage(() => import('./agreements/agreements-page.js'), 'AgreementsPage');
const WorkingDaysPage = lazyPage(() => import('./working-days/working-days-page.js'), 'WorkingDaysPage');

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

/** `/obligations?item=十五` (the link of a periodic duty) opens the calendar's list so filtered. */
function ObligationsRedirect() {
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  params.set('tab', 'list');
  return <Navigate to={`/calendar?${params.toString()}`} replace />;
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
        {/* The to-do list is the first page after sign-in, for every role (issue 13). */}
        <Route index element={<Navigate to="/todo" replace />} />
        <Route path="todo" element={<TodoPage />} />
        <Route path="calendar" element={<CalendarPage />} />
        <Route path="obligations" element={<ObligationsRedirect />} />
        <Route path="dashboard" element={<DashboardPage />} />
        <Route path="contracts/*" element={<SectionGuard section="contracts" element={<ContractsPage />} />} />
        <Route path="systems/*" element={<SectionGuard section="systems" element={<SystemsPage />} />} />
        <Route path="hosts/*" element={<SectionGuard section="hosts" element={<HostsPage />} />} />
        <Route path="allocations/*" element={<SectionGuard section="allocations" element={<AllocationsPage />} />} />
        <Route path="scans/*" element={<SectionGuard section="scans" element={<ScansPage />} />} />
        <Route path="pentests/*" element={<SectionGuard section="pentests" element={<PentestsPage />} />} />
        <Route path="vendors/*" element={<SectionGuard section="vendors" element={<VendorsPage />} />} />
        <Route path="agreements/*" element={<SectionGuard section="agreements" element={<AgreementsPage />} />} />
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
        <Route path="working-days" element={<SectionGuard section="workingDays" element={<WorkingDaysPage />} />} />
        <Route path="account" element={<AccountPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
