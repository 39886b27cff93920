import { useState } from 'react';
import { App, Checkbox, Form, Input, Radio } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { RISK_KINDS, RISK_LEVELS, type RiskAssessment, type RiskKind, type RiskLevel } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { FormModal } from '../../components/form-modal.js';
import { useFormErrorHandler } from '../../lib/errors.js';
import { queryKeys } from '../../api/query-keys.js';
import { now } from '../../lib/clock.js';
import { useRules } from '../../lib/rules.js';
import { DateInput } from '../../components/date-input.js';

type Values = {
  assessedOn: Dayjs;
  assessor: string;
  risks: RiskKind[];
  level: RiskLevel;
  mitigation?: string;
  conclusion?: string;
};
const FIELDS = ['assessedOn', 'assessor', 'risks', 'level', 'mitigation', 'conclusion'] as const;
const CODE_FIELDS = { RISK_ASSESSMENT_DATE_INVALID: 'assessedOn' };
const textOrNull = (v: string | undefined) => (v?.trim() ? v.trim() : null);

/** Records (assessment undefined) or amends a pre-commissioning risk assessment (item 三). */
export function RiskAssessmentModal(props: { contractId: string; assessment?: RiskAssessment; onClose: () => void }) {
  const { contractId, assessment, onClose } = props;
  const { t } = useTranslation();
  const rules = useRules();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [isSubmitting, setSubmitting] = useState(false);
  const onError = useFormErrorHandler({
    form,
    names: FIELDS,
    codeFields: CODE_FIELDS,
    show: (text) => void message.error(text),
  });

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    const body = {
      assessedOn: values.assessedOn.format('YYYY-MM-DD'),
      assessor: values.assessor,
      risks: values.risks,
      level: values.level,
      mitigation: textOrNull(values.mitigation),
      conclusion: textOrNull(values.conclusion),
    };
    try {
      if (assessment) {
        await unwrap(
          http.PATCH('/api/v1/contracts/{id}/risk-assessments/{assessmentId}', {
            params: { path: { id: contractId, assessmentId: assessment.id } },
            body,
          }),
        );
      } else {
        await unwrap(
          http.POST('/api/v1/contracts/{id}/risk-assessments', { params: { path: { id: contractId } }, body }),
        );
      }
      await queryClient.invalidateQueries({ queryKey: queryKeys.contracts.detail(contractId) });
      void message.success(assessment ? t('common.saved') : t('contracts.risk.created'));
      onClose();
    } catch (error) {
      onError(error);
    } finally {
      setSubmitting(false);
    }
  };

  const initialValues: Partial<Values> = assessment
    ? {
        assessedOn: dayjs(assessment.assessedOn),
        assessor: assessment.assessor,
        risks: assessment.risks,
        level: assessment.level,
        mitigation: assessment.mitigation ?? undefined,
        conclusion: assessment.conclusion ?? undefined,
      }
    : { assessedOn: dayjs(now()), risks: [], level: 'medium' };

  return (
    <FormModal<Values>
      open
      title={assessment ? t('contracts.risk.editTitle') : t('contracts.risk.createTitle')}
      form={form}
      onFinish={(values) => void onFinish(values)}
      onCancel={onClose}
      isSubmitting={isSubmitting}
      okText={assessment ? t('common.save') : t('common.create')}
      initialValues={initialValues}
    >
      <Form.Item
        name="assessedOn"
        label={t('contracts.risk.assessedOn')}
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <DateInput disabledDate={(d) => d.isAfter(dayjs(now()), 'day')} />
      </Form.Item>
      <Form.Item name="assessor" label={t('contracts.risk.assessor')} rules={rules.requiredText(200)}>
        <Input />
      </Form.Item>
      <Form.Item
        name="risks"
        label={t('contracts.risk.risks')}
        extra={t('contracts.risk.risksHelp')}
        rules={[{ required: true, type: 'array', min: 1, message: t('contracts.risk.risksRequired') }]}
      >
        <Checkbox.Group options={RISK_KINDS.map((k) => ({ value: k, label: t(`contracts.risk.kinds.${k}`) }))} />
      </Form.Item>
      <Form.Item name="level" label={t('contracts.risk.level')} rules={[{ required: true }]}>
        <Radio.Group options={RISK_LEVELS.map((l) => ({ value: l, label: t(`contracts.risk.levels.${l}`) }))} />
      </Form.Item>
      <Form.Item name="mitigation" label={t('contracts.risk.mitigation')} rules={[{ max: 4000 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item name="conclusion" label={t('contracts.risk.conclusion')} rules={[{ max: 4000 }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormModal>
  );
}
