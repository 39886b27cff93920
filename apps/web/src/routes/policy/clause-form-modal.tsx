import { Form, Input, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ClauseRule } from '@custodian/shared';
import { FormModal } from '../../components/form-modal.js';

type Values = {
  code: string;
  item: string;
  titleZh: string;
  titleEn: string;
  descriptionZh: string;
  descriptionEn: string;
  required: boolean;
  allowNotApplicable: boolean;
};

const CODE_PATTERN = /^[a-z0-9_]{2,40}$/;

/**
 * Adds a clause (clause undefined) or edits one. The code of a clause carried over from a
 * published version stays fixed: contracts' checklists refer to it.
 */
export function ClauseFormModal(props: {
  clause?: ClauseRule;
  isCodeFixed: boolean;
  /** Codes used by the other clauses of the draft. */
  takenCodes: string[];
  onSave: (clause: ClauseRule) => void;
  onClose: () => void;
}) {
  const { clause, isCodeFixed, takenCodes, onSave, onClose } = props;
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const text = (max: number) => [
    { required: true, whitespace: true, message: t('policy.publish.textRequired', { max }) },
    { max, message: t('policy.publish.textRequired', { max }) },
  ];

  const initialValues: Partial<Values> = clause
    ? {
        code: clause.code,
        item: clause.item,
        titleZh: clause.title['zh-TW'],
        titleEn: clause.title.en,
        descriptionZh: clause.description['zh-TW'],
        descriptionEn: clause.description.en,
        required: clause.required,
        allowNotApplicable: clause.allowNotApplicable,
      }
    : { required: true, allowNotApplicable: false };

  const onFinish = (values: Values) => {
    onSave({
      code: values.code.trim(),
      item: values.item.trim(),
      title: { 'zh-TW': values.titleZh.trim(), en: values.titleEn.trim() },
      description: { 'zh-TW': values.descriptionZh.trim(), en: values.descriptionEn.trim() },
      required: values.required,
      allowNotApplicable: values.allowNotApplicable,
    });
  };

  return (
    <FormModal<Values>
      open
      title={clause ? t('policy.publish.editClause') : t('policy.publish.addClause')}
      form={form}
      onFinish={onFinish}
      onCancel={onClose}
      isSubmitting={false}
      okText={t('common.confirm')}
      initialValues={initialValues}
    >
      <Form.Item
        name="code"
        label={t('policy.publish.clauseCode')}
        extra={t('policy.publish.codeHelp')}
        rules={[
          { required: true, message: t('policy.publish.codeInvalid') },
          { pattern: CODE_PATTERN, message: t('policy.publish.codeInvalid') },
          {
            validator: (_, value?: string) =>
              value && takenCodes.includes(value.trim())
                ? Promise.reject(new Error(t('policy.publish.codeTaken')))
                : Promise.resolve(),
          },
        ]}
      >
        <Input disabled={isCodeFixed} spellCheck={false} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="item"
        label={t('policy.publish.clauseItem')}
        extra={t('policy.publish.clauseItemHelp')}
        rules={text(20)}
      >
        <Input />
      </Form.Item>
      <Form.Item name="titleZh" label={t('policy.publish.titleZh')} rules={text(500)}>
        <Input lang="zh-TW" />
      </Form.Item>
      <Form.Item name="titleEn" label={t('policy.publish.titleEn')} rules={text(500)}>
        <Input lang="en" />
      </Form.Item>
      <Form.Item name="descriptionZh" label={t('policy.publish.descriptionZh')} rules={text(500)}>
        <Input.TextArea lang="zh-TW" autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
      <Form.Item name="descriptionEn" label={t('policy.publish.descriptionEn')} rules={text(500)}>
        <Input.TextArea lang="en" autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
      <Form.Item name="required" label={t('policy.required')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="allowNotApplicable" label={t('policy.allowNa')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}
