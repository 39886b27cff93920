import { useState } from 'react';
import { App, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  QUALIFICATION_KINDS,
  requiresExpiry,
  type QualificationKind,
  type VendorQualification,
} from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { FormModal } from '../../components/form-modal.js';
import { OrgSelect } from '../../components/org-select.js';
import { useFormErrorHandler } from '../../lib/errors.js';
import { listKey, queryKeys } from '../../api/query-keys.js';
import { useRules } from '../../lib/rules.js';
import { DateInput } from '../../components/date-input.js';
import { useOrgName } from '../../lib/use-org-name.js';

type Values = {
  orgId: string;
  kind: QualificationKind;
  name: string;
  certificateNumber?: string;
  issuer?: string;
  scope?: string;
  issuedOn?: Dayjs | null;
  expiresOn?: Dayjs | null;
  notes?: string;
};
const FIELDS = ['orgId', 'kind', 'name', 'certificateNumber', 'issuer', 'scope', 'issuedOn', 'expiresOn', 'notes'];
const CODE_FIELDS = {
  QUALIFICATION_DATES_INVALID: 'expiresOn',
  QUALIFICATION_EXPIRY_REQUIRED: 'expiresOn',
  QUALIFICATION_ORG_INVALID: 'orgId',
};

const optional = (value: string | undefined) => (value?.trim() ? value.trim() : null);
const isoDate = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : null);

/** Adds a qualification (none given) or edits one; the holder is fixed once recorded. */
export function QualificationFormModal(props: {
  qualification?: VendorQualification;
  /** Preselected holder when adding, e.g. from a filtered list. */
  orgId?: string;
  onClose: (saved?: VendorQualification) => void;
}) {
  const { qualification, onClose } = props;
  const { t } = useTranslation();
  const orgName = useOrgName();
  const rules = useRules();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [isSubmitting, setSubmitting] = useState(false);
  const kind = Form.useWatch('kind', form) ?? qualification?.kind ?? 'iso27001';
  const onError = useFormErrorHandler({
    form,
    names: FIELDS,
    codeFields: CODE_FIELDS,
    show: (text) => void message.error(text),
  });
  const maxText = (max: number) => rules.maxLength(max);

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    const fields = {
      kind: values.kind,
      name: values.name.trim(),
      certificateNumber: optional(values.certificateNumber),
      issuer: optional(values.issuer),
      scope: optional(values.scope),
      issuedOn: isoDate(values.issuedOn),
      expiresOn: isoDate(values.expiresOn),
      notes: optional(values.notes),
    };
    try {
      const saved = qualification
        ? await unwrap(
            http.PATCH('/api/v1/vendor-qualifications/{id}', {
              params: { path: { id: qualification.id } },
              body: fields,
            }),
          )
        : await unwrap(http.POST('/api/v1/vendor-qualifications', { body: { orgId: values.orgId, ...fields } }));
      void message.success(qualification ? t('common.saved') : t('vendors.created'));
      await queryClient.invalidateQueries({ queryKey: listKey(queryKeys.vendors.list) });
      void queryClient.invalidateQueries({ queryKey: listKey(queryKeys.vendors.summary) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.vendors.detail(saved.id) });
      onClose(saved);
    } catch (error) {
      onError(error);
    } finally {
      setSubmitting(false);
    }
  };

  const initialValues: Partial<Values> = qualification
    ? {
        orgId: qualification.orgId,
        kind: qualification.kind,
        name: qualification.name,
        certificateNumber: qualification.certificateNumber ?? undefined,
        issuer: qualification.issuer ?? undefined,
        scope: qualification.scope ?? undefined,
        issuedOn: qualification.issuedOn ? dayjs(qualification.issuedOn) : null,
        expiresOn: qualification.expiresOn ? dayjs(qualification.expiresOn) : null,
        notes: qualification.notes ?? undefined,
      }
    : { kind: 'iso27001', orgId: props.orgId };

  return (
    <FormModal<Values>
      open
      title={qualification ? t('vendors.editTitle') : t('vendors.createTitle')}
      form={form}
      onFinish={(values) => void onFinish(values)}
      onCancel={() => onClose()}
      isSubmitting={isSubmitting}
      okText={qualification ? t('common.save') : t('common.create')}
      initialValues={initialValues}
    >
      {qualification ? (
        <Form.Item label={t('vendors.organisation')}>
          <Input value={orgName(qualification.orgName, qualification.orgNameEn)} disabled />
        </Form.Item>
      ) : (
        <Form.Item
          name="orgId"
          label={t('vendors.organisation')}
          extra={t('vendors.organisationHelp')}
          rules={[{ required: true, message: t('vendors.organisationRequired') }]}
        >
          <OrgSelect kinds={['vendor', 'unit']} placeholder={t('vendors.allOrganisations')} />
        </Form.Item>
      )}
      <Form.Item name="kind" label={t('vendors.kind')} rules={[{ required: true }]}>
        <Select options={QUALIFICATION_KINDS.map((k) => ({ value: k, label: t(`vendors.kinds.${k}`) }))} />
      </Form.Item>
      <Form.Item name="name" label={t('vendors.name')} rules={rules.requiredText(200)}>
        <Input placeholder={t('vendors.namePlaceholder')} />
      </Form.Item>
      <Form.Item name="certificateNumber" label={t('vendors.certificateNumber')} rules={[maxText(100)]}>
        <Input spellCheck={false} autoComplete="off" />
      </Form.Item>
      <Form.Item name="issuer" label={t('vendors.issuer')} rules={[maxText(200)]}>
        <Input />
      </Form.Item>
      <Form.Item name="scope" label={t('vendors.scope')} rules={[maxText(1000)]}>
        <Input />
      </Form.Item>
      <Form.Item name="issuedOn" label={t('vendors.issuedOn')}>
        <DateInput style={{ width: 200 }} />
      </Form.Item>
      <Form.Item
        name="expiresOn"
        label={t('vendors.expiresOn')}
        extra={t('vendors.expiresOnHelp')}
        dependencies={['issuedOn', 'kind']}
        rules={[
          { required: requiresExpiry(kind), message: t('vendors.expiryRequired') },
          ({ getFieldValue }) => ({
            validator: (_, value: Dayjs | null | undefined) => {
              const issued = getFieldValue('issuedOn') as Dayjs | null | undefined;
              return value && issued && value.isBefore(issued, 'day')
                ? Promise.reject(new Error(t('vendors.expiryBeforeIssue')))
                : Promise.resolve();
            },
          }),
        ]}
      >
        <DateInput style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="notes" label={t('vendors.notes')} rules={[maxText(2000)]}>
        <Input />
      </Form.Item>
    </FormModal>
  );
}
