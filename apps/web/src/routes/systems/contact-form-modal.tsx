import { useState } from 'react';
import { App, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { isValidPhone, type ContactKind, type SystemContact, type SystemContacts } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { FormModal } from '../../components/form-modal.js';
import { useFormErrorHandler } from '../../lib/errors.js';
import { useRules } from '../../lib/rules.js';

type Values = { name: string; organisation?: string; title?: string; phone: string; email: string };
const FIELDS = ['name', 'organisation', 'title', 'phone', 'email'] as const;

const text = (v: string | undefined) => (v?.trim() ? v.trim() : null);

/** Records or replaces one of the three contacts of item 十. */
export function ContactFormModal(props: {
  open: boolean;
  systemId: string;
  kind: ContactKind;
  contact?: SystemContact;
  onClose: () => void;
  onSaved: (contacts: SystemContacts) => void;
}) {
  const { open, systemId, kind, contact, onClose, onSaved } = props;
  const { t } = useTranslation();
  const rules = useRules();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [isSubmitting, setSubmitting] = useState(false);
  const onError = useFormErrorHandler({ form, names: FIELDS, show: (m) => void message.error(m) });

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    try {
      const saved = await unwrap(
        http.PUT('/api/v1/systems/{id}/contacts/{kind}', {
          params: { path: { id: systemId, kind } },
          body: {
            name: values.name.trim(),
            organisation: text(values.organisation),
            title: text(values.title),
            phone: values.phone.trim(),
            email: values.email.trim(),
          },
        }),
      );
      void message.success(t('common.saved'));
      onSaved(saved);
      onClose();
    } catch (error) {
      onError(error);
    } finally {
      setSubmitting(false);
    }
  };

  const kindLabel = t(`systems.contactKinds.${kind}`);
  return (
    <FormModal<Values>
      open={open}
      title={t('systems.contacts.formTitle', { kind: kindLabel })}
      form={form}
      onFinish={(values) => void onFinish(values)}
      onCancel={onClose}
      isSubmitting={isSubmitting}
      initialValues={
        contact
          ? {
              name: contact.name,
              organisation: contact.organisation ?? undefined,
              title: contact.title ?? undefined,
              phone: contact.phone,
              email: contact.email,
            }
          : {}
      }
    >
      <Form.Item name="name" label={t('systems.contacts.name')} rules={rules.requiredText(100)}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="organisation"
        label={t('systems.contacts.organisation')}
        extra={kind === 'maintenance_unit' ? t('systems.contacts.organisationHelp') : undefined}
        rules={[{ max: 200 }]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="title" label={t('systems.contacts.title')} rules={[{ max: 100 }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('systems.contacts.phone')}
        extra={t('systems.contacts.phoneHelp')}
        validateTrigger="onBlur"
        rules={[
          { required: true, whitespace: true, message: t('validation.required') },
          {
            validator: async (_, value: string | undefined) => {
              if (value?.trim() && !isValidPhone(value)) {
                throw new Error(t('systems.contacts.phoneInvalid'));
              }
            },
          },
        ]}
      >
        <Input inputMode="tel" autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="email"
        label={t('systems.contacts.email')}
        rules={[
          { required: true, message: t('validation.required') },
          { type: 'email', message: t('validation.email') },
        ]}
      >
        <Input inputMode="email" autoComplete="off" spellCheck={false} />
      </Form.Item>
    </FormModal>
  );
}
