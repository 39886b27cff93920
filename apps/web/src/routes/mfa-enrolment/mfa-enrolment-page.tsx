import { useState } from 'react';
import { Alert, Button } from 'antd';
import { Navigate, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session-context.js';
import { AuthCard } from '../../components/auth-card.js';
import { MfaEnrolment } from '../../components/mfa-enrolment.js';

/** Forced enrolment for roles that require MFA (Ministry roles) before anything else. */
export function MfaEnrolmentPage() {
  const { t } = useTranslation();
  const { session, refresh, logout } = useSession();
  const navigate = useNavigate();
  // Once the code is accepted the session turns active; stay here to show the codes.
  const [isShowingCodes, setShowingCodes] = useState(false);

  if (!session) {
    return <Navigate to="/login" replace />;
  }
  if (session.stage === 'mfa_pending') {
    return <Navigate to="/login" replace />;
  }
  if (session.stage === 'active' && !isShowingCodes) {
    return <Navigate to="/" replace />;
  }

  const onConfirmed = async () => {
    setShowingCodes(true);
    await refresh();
  };

  return (
    <AuthCard title={t('mfa.enrolTitle')} wide>
      <Alert type="info" showIcon title={t('mfa.required')} style={{ marginBottom: 16 }} />
      <MfaEnrolment
        onConfirmed={onConfirmed}
        onDone={() => void navigate('/', { replace: true })}
        doneLabel={t('mfa.continue')}
      />
      <Button type="link" onClick={() => void logout()} style={{ paddingInline: 0, marginTop: 12 }}>
        {t('nav.logout')}
      </Button>
    </AuthCard>
  );
}
