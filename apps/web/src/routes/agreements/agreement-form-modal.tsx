import { useState } from 'react';
import { App, Col, Form, Input, InputNumber, Row, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { DEFAULT_AGREEMENT_COURT, type Agreement } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { DateInput } from '../../components/date-input.js';
import { FormModal } from '../../components/form-modal.js';
import { useFormErrorHandler } from '../../lib/errors.js';
import { useRules } from '../../lib/rules.js';
import { ContractPicker } from './contract-picker.js';
import { useStoreAgreement } from './use-agreement.js';

type Values = {
  contractId?: string;
  partyAName?: string;
  partyARepresentative?: string;
  partyAAgent?: string;
  partyAAddress?: string;
  partyBName?: string;
  partyBRepresentative?: string;
  partyBAgent?: string;
  partyBAddress?: string;
  purpose: string;
  signedOn?: Dayjs | null;
  penaltyTenThousandNtd?: number | null;
  court?: string;
};
const FIELDS = [
  'contractId',
  'partyAName',
  'partyARepresentative',
  'partyAAgent',
  'partyAAddress',
  'partyBName',
  'partyBRepresentative',
  'partyBAgent',
  'partyBAddress',
  'purpose',
  'signedOn',
  'penaltyTenThousandNtd',
  'court',
] as const;
const CODE_FIELDS = {
  AGREEMENT_PARTY_REQUIRED: 'partyAName',
  AGREEMENT_CONTRACT_INVALID: 'contractId',
  AGREEMENT_DATES_INVALID: 'signedOn',
};

const text = (value: string | null | undefined) => value ?? undefined;
const orNull = (value: string | undefined) => (value?.trim() ? value.trim() : null);

function initialValuesOf(agreement: Agreement | undefined): Partial<Values> {
  if (!agreement) {
    return { partyAName: '教育部', court: DEFAULT_AGREEMENT_COURT };
  }
  return {
    partyAName: agreement.partyAName,
    partyARepresentative: text(agreement.partyARepresentative),
    partyAAgent: text(agreement.partyAAgent),
    partyAAddress: text(agreement.partyAAddress),
    partyBName: agreement.partyBName,
    partyBRepresentative: text(agreement.partyBRepresentative),
    partyBAgent: text(agreement.partyBAgent),
    partyBAddress: text(agreement.partyBAddress),
    purpose: agreement.purpose,
    signedOn: agreement.signedOn ? dayjs(agreement.signedOn) : null,
    penaltyTenThousandNtd: agreement.penaltyTenThousandNtd,
    court: agreement.court,
  };
}

/** Create (agreement undefined) or edit a 保密合約書: contract, both parties, 事宜, date, penalty, court. */
export function AgreementFormModal(props: { open: boolean; agreement?: Agreement; onClose: () => void }) {
  const { open, agreement, onClose } = props;
  const { t } = useTranslation();
  const rules = useRules();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const store = useStoreAgreement();
  const [form] = Form.useForm<Values>();
  const [isSubmitting, setSubmitting] = useState(false);
  const onError = useFormErrorHandler({
    form,
    names: FIELDS,
    codeFields: CODE_FIELDS,
    show: (value) => void message.error(value),
  });
  const mayEditPartyA = agreement ? agreement.can.editPartyA : true;

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    const parties = {
      partyARepresentative: orNull(values.partyARepresentative),
      partyAAgent: orNull(values.partyAAgent),
      partyAAddress: orNull(values.partyAAddress),
      partyBName: orNull(values.partyBName),
      partyBRepresentative: orNull(values.partyBRepresentative),
      partyBAgent: orNull(values.partyBAgent),
      partyBAddress: orNull(values.partyBAddress),
    };
    const common = {
      ...parties,
      purpose: values.purpose.trim(),
      signedOn: values.signedOn ? values.signedOn.format('YYYY-MM-DD') : null,
      penaltyTenThousandNtd: values.penaltyTenThousandNtd ?? null,
    };
    try {
      let saved: Agreement;
      if (agreement) {
        const partyA = mayEditPartyA ? { partyAName: orNull(values.partyAName) } : {};
        // Party A's other fields go only with the right to change them.
        const body = mayEditPartyA
          ? { ...common, ...partyA, court: values.court?.trim() || DEFAULT_AGREEMENT_COURT }
          : {
              ...common,
              partyARepresentative: undefined,
              partyAAgent: undefined,
              partyAAddress: undefined,
              court: values.court?.trim() || DEFAULT_AGREEMENT_COURT,
            };
        saved = await unwrap(http.PATCH('/api/v1/agreements/{id}', { params: { path: { id: agreement.id } }, body }));
      } else {
        saved = await unwrap(
          http.POST('/api/v1/agreements', {
            body: {
              ...common,
              contractId: values.contractId ?? '',
              partyAName: orNull(values.partyAName),
              court: orNull(values.court),
            },
          }),
        );
      }
      void message.success(agreement ? t('common.saved') : t('agreements.created'));
      store(saved);
      onClose();
      if (!agreement) {
        void navigate(`/agreements/${saved.id}`);
      }
    } catch (error) {
      onError(error);
    } finally {
      setSubmitting(false);
    }
  };

  const half = { xs: 24, sm: 12 };
  return (
    <FormModal<Values>
      open={open}
      title={agreement ? t('agreements.editTitle') : t('agreements.createTitle')}
      form={form}
      onFinish={(values) => void onFinish(values)}
      onCancel={onClose}
      isSubmitting={isSubmitting}
      okText={agreement ? t('common.save') : t('common.create')}
      initialValues={initialValuesOf(agreement)}
    >
      {!agreement && (
        <Form.Item name="contractId" label={t('agreements.fields.contract')} rules={[rules.required()]}>
          <ContractPicker />
        </Form.Item>
      )}
      <Typography.Title level={2} style={{ fontSize: 15 }}>
        {t('agreements.fields.partyA')}
      </Typography.Title>
      {!mayEditPartyA && (
        <Typography.Paragraph type="secondary">{t('agreements.form.partyAReadOnly')}</Typography.Paragraph>
      )}
      <Form.Item
        name="partyAName"
        label={t('agreements.fields.partyAName')}
        extra={t('agreements.form.partyAHelp')}
        rules={rules.requiredText(200)}
      >
        <Input disabled={!mayEditPartyA} />
      </Form.Item>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item
            name="partyARepresentative"
            label={t('agreements.fields.partyARepresentative')}
            rules={[rules.maxLength(100)]}
          >
            <Input disabled={!mayEditPartyA} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="partyAAgent" label={t('agreements.fields.partyAAgent')} rules={[rules.maxLength(100)]}>
            <Input disabled={!mayEditPartyA} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="partyAAddress" label={t('agreements.fields.partyAAddress')} rules={[rules.maxLength(300)]}>
        <Input disabled={!mayEditPartyA} />
      </Form.Item>
      <Typography.Title level={2} style={{ fontSize: 15 }}>
        {t('agreements.fields.partyB')}
      </Typography.Title>
      <Form.Item
        name="partyBName"
        label={t('agreements.fields.partyBName')}
        extra={t('agreements.form.partyBHelp')}
        rules={[rules.maxLength(200)]}
      >
        <Input />
      </Form.Item>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item
            name="partyBRepresentative"
            label={t('agreements.fields.partyBRepresentative')}
            rules={[rules.maxLength(100)]}
          >
            <Input />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="partyBAgent" label={t('agreements.fields.partyBAgent')} rules={[rules.maxLength(100)]}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="partyBAddress" label={t('agreements.fields.partyBAddress')} rules={[rules.maxLength(300)]}>
        <Input />
      </Form.Item>
      <Form.Item
        name="purpose"
        label={t('agreements.fields.purpose')}
        extra={t('agreements.form.purposeHelp')}
        rules={rules.requiredText(1000)}
      >
        <Input.TextArea rows={2} />
      </Form.Item>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="signedOn" label={t('agreements.fields.signedOn')}>
            <DateInput style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="penaltyTenThousandNtd"
            label={t('agreements.fields.penalty')}
            rules={[rules.number({ min: 0, max: 1_000_000, integer: true })]}
          >
            <InputNumber style={{ width: '100%' }} suffix={t('agreements.fields.penaltyUnit')} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="court"
        label={t('agreements.fields.court')}
        extra={t('agreements.form.courtHelp')}
        rules={[rules.maxLength(100)]}
      >
        <Input />
      </Form.Item>
    </FormModal>
  );
}
