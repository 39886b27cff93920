import { useState } from 'react';
import { App, Form, Input, Select, Switch } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  creatableOrgKinds,
  RESPONSIBILITY_LEVELS,
  UNIT_TYPES,
  type ResponsibilityLevel,
  type UnitType,
} from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import type { Organisation } from '../../api/types.js';
import { useCurrentUser } from '../../auth/session-context.js';
import { FormModal } from '../../components/form-modal.js';
import { OrgSelect } from '../../components/org-select.js';
import { useFormErrorHandler } from '../../lib/errors.js';
import { listKey, queryKeys } from '../../api/query-keys.js';
import { useRules } from '../../lib/rules.js';

type Kind = 'division' | 'unit' | 'vendor';
type Values = {
  kind: Kind;
  unitType?: UnitType;
  responsibilityLevel?: ResponsibilityLevel | null;
  code: string;
  name: string;
  nameEn?: string;
  parentId?: string;
  isActive?: boolean;
};
const FIELDS = ['kind', 'unitType', 'responsibilityLevel', 'code', 'name', 'nameEn', 'parentId', 'isActive'] as const;
const CODE_FIELDS = { ORG_CODE_TAKEN: 'code', ORG_PARENT_INVALID: 'parentId' };

/** Create (organisation undefined) or edit an organisation. */
export function OrganisationFormModal(props: { open: boolean; organisation?: Organisation; onClose: () => void }) {
  const { open, organisation, onClose } = props;
  const { t } = useTranslation();
  const rules = useRules();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [isSubmitting, setSubmitting] = useState(false);
  const kind = Form.useWatch('kind', form) ?? organisation?.kind;
  const isEdit = organisation !== undefined;
  const kinds = creatableOrgKinds(user.role);
  const onError = useFormErrorHandler({
    form,
    names: FIELDS,
    codeFields: CODE_FIELDS,
    show: (text) => void message.error(text),
  });

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    const nameEn = values.nameEn?.trim() ? values.nameEn.trim() : undefined;
    const hasType = values.kind !== 'division';
    try {
      if (organisation) {
        await unwrap(
          http.PATCH('/api/v1/organisations/{id}', {
            params: { path: { id: organisation.id } },
            body: {
              name: values.name,
              nameEn: nameEn ?? null,
              ...(organisation.kind === 'unit' || organisation.kind === 'vendor' ? { unitType: values.unitType } : {}),
              ...(organisation.kind === 'unit' ? { responsibilityLevel: values.responsibilityLevel ?? null } : {}),
              ...(organisation.kind !== 'ministry' ? { isActive: values.isActive } : {}),
            },
          }),
        );
      } else {
        await unwrap(
          http.POST('/api/v1/organisations', {
            body: {
              kind: values.kind,
              code: values.code,
              name: values.name,
              ...(nameEn ? { nameEn } : {}),
              ...(hasType && values.unitType ? { unitType: values.unitType } : {}),
              ...(values.kind === 'unit' && values.responsibilityLevel
                ? { responsibilityLevel: values.responsibilityLevel }
                : {}),
              ...(values.kind === 'vendor' ? { parentId: values.parentId } : {}),
            },
          }),
        );
      }
      void message.success(isEdit ? t('common.saved') : t('organisations.created'));
      await queryClient.invalidateQueries({ queryKey: listKey(queryKeys.organisations.list) });
      void queryClient.invalidateQueries({ queryKey: listKey(queryKeys.organisations.options) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.dashboard.all });
      onClose();
    } catch (error) {
      onError(error);
    } finally {
      setSubmitting(false);
    }
  };

  const initialValues: Partial<Values> = organisation
    ? {
        kind: organisation.kind === 'ministry' ? undefined : organisation.kind,
        unitType: organisation.unitType ?? undefined,
        responsibilityLevel: organisation.responsibilityLevel,
        code: organisation.code,
        name: organisation.name,
        nameEn: organisation.nameEn ?? undefined,
        isActive: organisation.isActive,
      }
    : {
        kind: kinds[0],
        unitType: 'school',
        parentId: user.role === 'unit_admin' ? user.orgId : undefined,
      };

  return (
    <FormModal<Values>
      open={open}
      title={isEdit ? t('organisations.editTitle') : t('organisations.createTitle')}
      form={form}
      onFinish={(values) => void onFinish(values)}
      onCancel={onClose}
      isSubmitting={isSubmitting}
      okText={isEdit ? t('common.save') : t('common.create')}
      initialValues={initialValues}
    >
      {!isEdit && (
        <Form.Item name="kind" label={t('organisations.kind')} rules={[{ required: true }]}>
          <Select options={kinds.map((k) => ({ value: k, label: t(`orgKinds.${k}`) }))} />
        </Form.Item>
      )}
      <Form.Item
        name="code"
        label={t('organisations.code')}
        extra={isEdit ? undefined : t('organisations.codeHelp')}
        rules={[
          { required: true, message: t('validation.required') },
          { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/, message: t('organisations.codeInvalid') },
          { min: 2, max: 32, message: t('organisations.codeLength') },
        ]}
      >
        <Input disabled={isEdit} spellCheck={false} />
      </Form.Item>
      <Form.Item name="name" label={t('organisations.name')} rules={rules.requiredText(200)}>
        <Input />
      </Form.Item>
      <Form.Item name="nameEn" label={t('organisations.nameEn')} rules={[{ max: 200 }]}>
        <Input />
      </Form.Item>
      {(kind === 'unit' || kind === 'vendor') && (
        <Form.Item name="unitType" label={t('organisations.unitType')}>
          <Select options={UNIT_TYPES.map((u) => ({ value: u, label: t(`unitTypes.${u}`) }))} />
        </Form.Item>
      )}
      {kind === 'unit' && (
        <Form.Item
          name="responsibilityLevel"
          label={t('organisations.responsibilityLevel')}
          extra={t('organisations.responsibilityLevelHelp')}
        >
          <Select
            allowClear
            placeholder={t('organisations.responsibilityLevelNone')}
            options={RESPONSIBILITY_LEVELS.map((l) => ({
              value: l,
              label: t(`organisations.responsibilityLevels.${l}`),
            }))}
          />
        </Form.Item>
      )}
      {!isEdit && kind === 'vendor' && (
        <Form.Item
          name="parentId"
          label={t('organisations.parentUnit')}
          extra={t('organisations.parentUnitHelp')}
          rules={[{ required: true, message: t('organisations.parentRequired') }]}
        >
          <OrgSelect kinds={['unit']} placeholder={t('organisations.parentUnitPlaceholder')} />
        </Form.Item>
      )}
      {isEdit && organisation.kind !== 'ministry' && (
        <Form.Item name="isActive" label={t('organisations.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      )}
    </FormModal>
  );
}
