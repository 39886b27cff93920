import { useState } from 'react';
import { App, Button, Form, Input, Radio, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatIsoDate, formatRocDate, type DateFormat, type Locale } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { useCurrentUser, useSession } from '../../auth/session-context.js';
import { currentLanguage, switchLanguage } from '../../i18n.js';
import { useFormErrorHandler } from '../../lib/errors.js';
import { now } from '../../lib/clock.js';
import { useRules } from '../../lib/rules.js';

type Values = { name: string; locale: Locale; dateFormat: DateFormat };

/** Display name, interface language and the ROC/ISO date preference. */
export function ProfileCard() {
  const { t } = useTranslation();
  const rules = useRules();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const { refresh } = useSession();
  const [form] = Form.useForm<Values>();
  const [isSubmitting, setSubmitting] = useState(false);
  const onError = useFormErrorHandler({
    form,
    names: ['name', 'locale', 'dateFormat'],
    show: (text) => void message.error(text),
  });
  const shownAt = now();

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    try {
      await unwrap(http.PATCH('/api/v1/account', { body: values }));
      await switchLanguage(values.locale);
      await refresh();
      void message.success(t('common.saved'));
    } catch (error) {
      onError(error);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      style={{ maxWidth: 480 }}
      initialValues={{ name: user.name, locale: user.locale, dateFormat: user.dateFormat }}
      onFinish={(values) => void onFinish(values)}
    >
      <Form.Item label={t('account.email')} htmlFor="account-email">
        <Input id="account-email" value={user.email} readOnly variant="filled" />
      </Form.Item>
      <Form.Item name="name" label={t('account.name')} rules={rules.requiredText(100)}>
        <Input autoComplete="name" />
      </Form.Item>
      <Form.Item name="locale" label={t('account.locale')}>
        <Select
          options={[
            { value: 'zh-TW', label: t('language.zhTW') },
            { value: 'en', label: t('language.en') },
          ]}
        />
      </Form.Item>
      <Form.Item name="dateFormat" label={t('account.dateFormat')}>
        <Radio.Group>
          <Space orientation="vertical">
            <Radio value="roc">
              {t('account.dateRoc')} ({formatRocDate(shownAt, currentLanguage())})
            </Radio>
            <Radio value="iso">
              {t('account.dateIso')} ({formatIsoDate(shownAt)})
            </Radio>
          </Space>
        </Radio.Group>
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={isSubmitting}>
        {t('common.save')}
      </Button>
    </Form>
  );
}
