import type { ReactNode } from 'react';
import { Form, Modal, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFocusFirstField } from './use-focus-first-field.js';

type Props<V> = {
  open: boolean;
  title: string;
  form: FormInstance<V>;
  onFinish: (values: V) => void;
  onCancel: () => void;
  isSubmitting: boolean;
  okText?: string;
  initialValues?: Partial<V>;
  children: ReactNode;
};

/**
 * A modal whose whole body, buttons included, is one form: Enter submits, the OK button
 * is the form's submit button, fields are reset when it closes, and it opens with the
 * focus on the first field.
 */
export function FormModal<V>(props: Props<V>) {
  const { t } = useTranslation();
  const { open, title, form, onFinish, onCancel, isSubmitting, okText, initialValues, children } = props;
  const fieldsRef = useFocusFirstField(open);
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onCancel}
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', loading: isSubmitting }}
      destroyOnHidden
      mask={{ closable: false }}
      modalRender={(dom) => (
        <Form<V>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={initialValues}
          clearOnDestroy
          requiredMark="optional"
        >
          {dom}
        </Form>
      )}
    >
      <div ref={fieldsRef}>{children}</div>
    </Modal>
  );
}
