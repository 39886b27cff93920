import { Alert } from 'antd';
import { Navigate, useLocation, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n.js';
import { ERROR_MESSAGES, type ErrorCode } from '@custodian/shared';
import { useSession } from '../../auth/session-context.js';
import { AuthCard } from '../../components/auth-card.js';
import { PasswordStep } from './password-step.js';
import { MfaStep } from './mfa-step.js';

type LoginState = { from?: string; notice?: 'inviteAccepted'; email?: string } | null;

function isErrorCode(value: string | null): value is ErrorCode {
  return value !== null && Object.hasOwn(ERROR_MESSAGES, value);
}

/** Sign-in: e-mail and password, then the TOTP (or recovery code) step. */
export function LoginPage() {
  const { t } = useTranslation();
  const { session, signedOutReason } = useSession();
  const location = useLocation();
  const [params] = useSearchParams();
  const state = location.state as LoginState;
  const from = state?.from && state.from.startsWith('/') ? state.from : '/';

  if (session?.stage === 'active') {
    return <Navigate to={from} replace />;
  }
  if (session?.stage === 'mfa_enrolment') {
    return <Navigate to="/mfa-enrolment" replace />;
  }
  const ssoError = params.get('error');
  const locale = currentLanguage();
  const isMfaStep = session?.stage === 'mfa_pending';

  return (
    <AuthCard title={isMfaStep ? t('login.mfaTitle') : t('login.title')}>
      {signedOutReason === 'SESSION_EXPIRED' && !isMfaStep && (
        <Alert type="warning" showIcon title={t('login.sessionExpired')} style={{ marginBottom: 16 }} />
      )}
      {state?.notice === 'inviteAccepted' && !isMfaStep && (
        <Alert type="success" showIcon title={t('login.inviteAccepted')} style={{ marginBottom: 16 }} />
      )}
      {isErrorCode(ssoError) && !isMfaStep && (
        <Alert type="error" showIcon title={ERROR_MESSAGES[ssoError][locale]} style={{ marginBottom: 16 }} />
      )}
      {isMfaStep ? <MfaStep /> : <PasswordStep initialEmail={state?.email} />}
    </AuthCard>
  );
}
