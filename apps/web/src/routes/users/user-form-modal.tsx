import { useState } from 'react';
import { App, Form, Input, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { assignableRoles, ROLE_ORG_KINDS, type Role } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import type { User, UserCreated } from '../../api/types.js';
import { useCurrentUser } from '../../auth/session-context.js';
import { FormModal } from '../../components/form-modal.js';
import { OrgSelect } from '../../components/org-select.js';
import { useFormErrorHandler } from '../../lib/errors.js';
import { listKey, queryKeys } from '../../api/query-keys.js';
import { useRules } from '../../lib/rules.js';

type Values = { email: string; name: string; role: Role; orgId?: string; scopeOrgIds?: string[] };
const FIELDS = ['email', 'name', 'role', 'orgId', 'scopeOrgIds'] as const;
const CODE_FIELDS = { EMAIL_TAKEN: 'email', ROLE_ORG_MISMATCH: 'orgId' };
const SCOPED_ROLES: readonly Role[] = ['ministry_owner', 'auditor'];

/** Create (user undefined) or edit an account. `onCreated` receives the invitation. */
export function UserFormModal(props: { user?: User; onClose: () => void; onCreated: (created: UserCreated) => void }) {
  const { user, onClose, onCreated } = props;
  const { t } = useTranslation();
  const rules = useRules();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [isSubmitting, setSubmitting] = useState(false);
  const roles = assignableRoles(me.role);
  const role = Form.useWatch('role', form) ?? user?.role ?? roles[0];
  const isEdit = user !== undefined;
  const onError = useFormErrorHandler({
    form,
    names: FIELDS,
    codeFields: CODE_FIELDS,
    show: (text) => void message.error(text),
  });

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    const scoped = role !== undefined && SCOPED_ROLES.includes(role);
    try {
      if (user) {
        await unwrap(
          http.PATCH('/api/v1/users/{id}', {
            params: { path: { id: user.id } },
            body: {
              name: values.name,
              role: values.role,
              ...(scoped ? { scopeOrgIds: values.scopeOrgIds ?? [] } : {}),
            },
          }),
        );
        void message.success(t('common.saved'));
      } else {
        const created = await unwrap(
          http.POST('/api/v1/users', {
            body: {
              email: values.email.trim(),
              name: values.name,
              role: values.role,
              orgId: values.orgId ?? '',
              ...(scoped ? { scopeOrgIds: values.scopeOrgIds ?? [] } : {}),
            },
          }),
        );
        onCreated(created);
      }
      await queryClient.invalidateQueries({ queryKey: listKey(queryKeys.users.list) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.dashboard.all });
      onClose();
    } catch (error) {
      onError(error);
    } finally {
      setSubmitting(false);
    }
  };

  const initialValues: Partial<Values> = user
    ? { email: user.email, name: user.name, role: user.role, orgId: user.orgId, scopeOrgIds: user.scopeOrgIds }
    : {
        role: me.role === 'unit_admin' ? 'unit_member' : roles[0],
        scopeOrgIds: [],
        orgId: me.role === 'unit_admin' ? me.orgId : undefined,
      };

  return (
    <FormModal<Values>
      open
      title={isEdit ? t('users.editTitle') : t('users.createTitle')}
      form={form}
      onFinish={(values) => void onFinish(values)}
      onCancel={onClose}
      isSubmitting={isSubmitting}
      okText={isEdit ? t('common.save') : t('users.createAndInvite')}
      initialValues={initialValues}
    >
      <Form.Item
        name="email"
        label={t('users.email')}
        rules={[{ required: true, type: 'email', message: t('validation.email') }]}
      >
        <Input type="email" disabled={isEdit} autoComplete="off" />
      </Form.Item>
      <Form.Item name="name" label={t('users.name')} rules={rules.requiredText(100)}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('validation.required') }]}>
        <Select
          options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          onChange={() => {
            if (!isEdit) {
              form.setFieldValue('orgId', me.role === 'unit_admin' ? me.orgId : undefined);
            }
          }}
        />
      </Form.Item>
      <Form.Item
        name="orgId"
        label={t('users.organisation')}
        extra={
          role
            ? t('users.orgKindsHelp', { kinds: ROLE_ORG_KINDS[role].map((k) => t(`orgKinds.${k}`)).join('、') })
            : undefined
        }
        rules={[{ required: true, message: t('users.orgRequired') }]}
      >
        <OrgSelect
          kinds={role ? ROLE_ORG_KINDS[role] : undefined}
          disabled={isEdit}
          placeholder={t('users.orgPlaceholder')}
        />
      </Form.Item>
      {role !== undefined && SCOPED_ROLES.includes(role) && (
        <Form.Item name="scopeOrgIds" label={t('users.scopeOrgs')} extra={t(`users.scopeHelp.${role}`)}>
          <OrgSelect multiple kinds={['division', 'unit', 'vendor']} placeholder={t('users.scopePlaceholder')} />
        </Form.Item>
      )}
    </FormModal>
  );
}
