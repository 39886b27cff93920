import { useState } from 'react';
import { App, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { CONTRACT_TYPES, type ContractDetail, type ContractType } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { useCurrentUser } from '../../auth/session-context.js';
import { FormModal } from '../../components/form-modal.js';
import { OrgSelect } from '../../components/org-select.js';
import { useFormErrorHandler } from '../../lib/errors.js';
import { useRules } from '../../lib/rules.js';
import { listKey, queryKeys } from '../../api/query-keys.js';
import { DateInput } from '../../components/date-input.js';
import { useOrgName } from '../../lib/use-org-name.js';

type Values = {
  number: string;
  name: string;
  type: ContractType;
  unitId: string;
  divisionId: string;
  ownerUserId?: string;
  subcontractorIds?: string[];
  periodStart: Dayjs;
  periodEnd: Dayjs;
  amount?: number | null;
  slaAvailability?: number | null;
  rtoHours?: number | null;
  rpoHours?: number | null;
  notes?: string;
};
const FIELDS = [
  'number',
  'name',
  'type',
  'unitId',
  'divisionId',
  'ownerUserId',
  'subcontractorIds',
  'periodStart',
  'periodEnd',
  'amount',
  'slaAvailability',
  'rtoHours',
  'rpoHours',
  'notes',
] as const;
const CODE_FIELDS = { CONTRACT_NUMBER_TAKEN: 'number', CONTRACT_PERIOD_INVALID: 'periodEnd' };

function initialValuesOf(contract: ContractDetail | undefined, unitId: string | undefined): Partial<Values> {
  if (!contract) {
    return { type: 'commission', unitId, subcontractorIds: [] };
  }
  return {
    number: contract.number,
    name: contract.name,
    type: contract.type,
    unitId: contract.unitId,
    divisionId: contract.divisionId,
    ownerUserId: contract.ownerUserId ?? undefined,
    subcontractorIds: contract.subcontractors.map((s) => s.id),
    periodStart: dayjs(contract.periodStart),
    periodEnd: dayjs(contract.periodEnd),
    amount: contract.amount,
    slaAvailability: contract.slaAvailability,
    rtoHours: contract.rtoHours,
    rpoHours: contract.rpoHours,
    notes: contract.notes ?? undefined,
  };
}

/** Create (contract undefined) or edit a contract's details and parties. */
export function ContractFormModal(props: { open: boolean; contract?: ContractDetail; onClose: () => void }) {
  const { open, contract, onClose } = props;
  const { t } = useTranslation();
  const orgName = useOrgName();
  const rules = useRules();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [isSubmitting, setSubmitting] = useState(false);
  const isUnitAdmin = user.role === 'unit_admin';
  const parties = useQuery({
    queryKey: queryKeys.contracts.partyOptions,
    queryFn: () => unwrap(http.GET('/api/v1/contracts/party-options')),
    staleTime: 60_000,
  });
  const onError = useFormErrorHandler({
    form,
    names: FIELDS,
    codeFields: CODE_FIELDS,
    show: (text) => void message.error(text),
  });

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    const body = {
      number: values.number,
      name: values.name,
      type: values.type,
      unitId: values.unitId,
      divisionId: values.divisionId,
      ownerUserId: values.ownerUserId ?? null,
      subcontractorIds: values.subcontractorIds ?? [],
      periodStart: values.periodStart.format('YYYY-MM-DD'),
      periodEnd: values.periodEnd.format('YYYY-MM-DD'),
      amount: values.amount ?? null,
      slaAvailability: values.slaAvailability ?? null,
      rtoHours: values.rtoHours ?? null,
      rpoHours: values.rpoHours ?? null,
      notes: values.notes?.trim() ? values.notes.trim() : null,
    };
    try {
      const saved = contract
        ? await unwrap(http.PATCH('/api/v1/contracts/{id}', { params: { path: { id: contract.id } }, body }))
        : await unwrap(http.POST('/api/v1/contracts', { body }));
      void message.success(contract ? t('common.saved') : t('contracts.created'));
      queryClient.setQueryData(queryKeys.contracts.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: listKey(queryKeys.contracts.list) });
      onClose();
      if (!contract) {
        void navigate(`/contracts/${saved.id}`);
      }
    } catch (error) {
      onError(error);
    } finally {
      setSubmitting(false);
    }
  };

  const required = { required: true, message: t('validation.required') };
  return (
    <FormModal<Values>
      open={open}
      title={contract ? t('contracts.editTitle') : t('contracts.createTitle')}
      form={form}
      onFinish={(values) => void onFinish(values)}
      onCancel={onClose}
      isSubmitting={isSubmitting}
      okText={contract ? t('common.save') : t('common.create')}
      initialValues={initialValuesOf(contract, isUnitAdmin ? user.orgId : undefined)}
    >
      <Form.Item
        name="number"
        label={t('contracts.fields.number')}
        rules={[{ ...required, whitespace: true }, { max: 64 }]}
      >
        <Input spellCheck={false} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('contracts.fields.name')}
        rules={[{ ...required, whitespace: true }, { max: 200 }]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="type" label={t('contracts.fields.type')} rules={[required]}>
        <Select options={CONTRACT_TYPES.map((type) => ({ value: type, label: t(`contracts.types.${type}`) }))} />
      </Form.Item>
      <Form.Item
        name="unitId"
        label={t('contracts.fields.unit')}
        rules={[required]}
        extra={isUnitAdmin ? t('contracts.form.unitOwnHelp') : undefined}
      >
        <OrgSelect kinds={['unit']} disabled={isUnitAdmin} placeholder={t('contracts.form.unitPlaceholder')} />
      </Form.Item>
      <Form.Item name="divisionId" label={t('contracts.fields.division')} rules={[required]}>
        <Select
          loading={parties.isPending}
          showSearch={{ optionFilterProp: 'label' }}
          options={(parties.data?.divisions ?? []).map((d) => ({ value: d.id, label: orgName(d.name, d.nameEn) }))}
        />
      </Form.Item>
      <Form.Item name="ownerUserId" label={t('contracts.fields.owner')} extra={t('contracts.form.ownerHelp')}>
        <Select
          allowClear
          loading={parties.isPending}
          showSearch={{ optionFilterProp: 'label' }}
          options={(parties.data?.owners ?? []).map((o) => ({
            value: o.id,
            label: `${o.name}（${orgName(o.orgName, o.orgNameEn)}）`,
          }))}
        />
      </Form.Item>
      <Form.Item
        name="subcontractorIds"
        label={t('contracts.fields.subcontractors')}
        extra={t('contracts.form.subcontractorsHelp')}
      >
        <OrgSelect kinds={['vendor']} multiple placeholder={t('contracts.form.subcontractorsPlaceholder')} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="periodStart" label={t('contracts.fields.periodStart')} rules={[required]}>
            <DateInput style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="periodEnd"
            label={t('contracts.fields.periodEnd')}
            dependencies={['periodStart']}
            rules={[
              required,
              ({ getFieldValue }) => ({
                validator: async (_, value?: Dayjs) => {
                  const start = getFieldValue('periodStart') as Dayjs | undefined;
                  if (value && start && value.isBefore(start, 'day')) {
                    throw new Error(t('contracts.form.periodInvalid'));
                  }
                },
              }),
            ]}
          >
            <DateInput style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="amount"
            label={t('contracts.fields.amount')}
            rules={[rules.number({ min: 0, max: 1_000_000_000_000, integer: true })]}
          >
            <InputNumber step={1000} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="slaAvailability"
            label={t('contracts.fields.sla')}
            tooltip={t('contracts.form.slaHelp')}
            rules={[rules.number({ min: 0, max: 100 })]}
          >
            <InputNumber step={0.1} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="rtoHours"
            label={t('contracts.fields.rto')}
            tooltip={t('contracts.form.rtoHelp')}
            rules={[rules.number({ min: 0, max: 8760, integer: true })]}
          >
            <InputNumber style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="rpoHours"
            label={t('contracts.fields.rpo')}
            tooltip={t('contracts.form.rpoHelp')}
            rules={[rules.number({ min: 0, max: 8760, integer: true })]}
          >
            <InputNumber style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="notes" label={t('contracts.fields.notes')} rules={[{ max: 4000 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </FormModal>
  );
}
