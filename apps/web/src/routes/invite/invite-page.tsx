import { useState } from 'react';
import { Alert, Button, Descriptions, Form, Result, Skeleton } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { http, unwrap } from '../../api/client.js';

import { useSession } from '../../auth/session-context.js';
import { AuthCard } from '../../components/auth-card.js';
import { PasswordFields } from '../../components/password-fields.js';
import { useErrorText } from '../../lib/errors.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { queryKeys } from '../../api/query-keys.js';
import { useOrgName } from '../../lib/use-org-name.js';

type Values = { password: string; passwordConfirm: string };

/** An invited user sets their password, then signs in. */
export function InvitePage() {
  const { t } = useTranslation();
  const orgName = useOrgName();
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const { session, logout } = useSession();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [isSubmitting, setSubmitting] = useState(false);
  const invite = useQuery({
    queryKey: queryKeys.session.invite(token),
    queryFn: () => unwrap(http.GET('/api/v1/auth/invites/{token}', { params: { path: { token } } })),
    retry: false,
  });

  const onFinish = async ({ password }: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      await unwrap(http.POST('/api/v1/auth/invites/{token}', { params: { path: { token } }, body: { password } }));
      if (session) {
        // Someone else is signed in on this browser; the new user signs in fresh.
        await logout();
      }
      void navigate('/login', { replace: true, state: { notice: 'inviteAccepted', email: invite.data?.email } });
    } catch (err) {
      setError(err);
      form.setFields([{ name: 'password', errors: [errorText(err)] }]);
    } finally {
      setSubmitting(false);
    }
  };

  if (invite.isPending) {
    return (
      <AuthCard title={t('invite.title')}>
        <Skeleton active />
      </AuthCard>
    );
  }
  if (invite.isError) {
    return (
      <AuthCard title={t('invite.title')}>
        <Result
          status="warning"
          title={errorText(invite.error)}
          extra={
            <Link to="/login">
              <Button>{t('invite.toLogin')}</Button>
            </Link>
          }
        />
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('invite.title')}>
      <Descriptions
        column={1}
        size="small"
        style={{ marginBottom: 16 }}
        items={[
          { key: 'name', label: t('invite.name'), children: invite.data.name },
          { key: 'email', label: t('invite.email'), children: invite.data.email },
          { key: 'org', label: t('invite.org'), children: orgName(invite.data.orgName, invite.data.orgNameEn) },
          { key: 'expires', label: t('invite.expires'), children: formatDate(invite.data.expiresAt) },
        ]}
      />
      <Form<Values> form={form} layout="vertical" onFinish={(values) => void onFinish(values)} requiredMark={false}>
        {error !== null && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} />}
        {/* Lets password managers store the new password under the right account. */}
        <input type="email" value={invite.data.email} autoComplete="username" readOnly hidden />
        <PasswordFields />
        <Button type="primary" htmlType="submit" block loading={isSubmitting}>
          {t('invite.submit')}
        </Button>
      </Form>
    </AuthCard>
  );
}
