import { useState } from 'react';
import { App, Col, Form, Input, Modal, Radio, Row, Select, Switch, Typography } from 'antd';
import { UrlListField } from './url-list-field.js';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import {
  ENVIRONMENTS,
  PROTECTION_LEVELS,
  SYSTEM_KINDS,
  SYSTEM_STATUS_TRANSITIONS,
  can,
  type Environment,
  type ProtectionLevel,
  type SystemDetail,
  type SystemKind,
  type SystemStatus,
} from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { useCurrentUser } from '../../auth/session-context.js';
import { OrgSelect } from '../../components/org-select.js';
import { useFocusFirstField } from '../../components/use-focus-first-field.js';
import { useFormErrorHandler } from '../../lib/errors.js';
import { HostSelect } from '../hosts/host-select.js';
import { ContractSelect } from './contract-select.js';
import { useStoreSystem } from './use-system.js';
import { DateInput } from '../../components/date-input.js';

type Values = {
  orgId?: string;
  name: string;
  kind: SystemKind;
  urls: string[];
  environment: Environment;
  status: SystemStatus;
  launchDate?: Dayjs | null;
  launchOverrideReason?: string;
  protectionLevel: ProtectionLevel;
  handlesPersonalData: boolean;
  personalDataCategories?: string;
  personalDataPurpose?: string;
  personalDataLegalBasis?: string;
  exitPlan?: string;
  description?: string;
  contractIds: string[];
  hostIds: string[];
};
const FIELDS = [
  'orgId',
  'name',
  'kind',
  'urls',
  'environment',
  'status',
  'launchDate',
  'protectionLevel',
  'handlesPersonalData',
  'personalDataCategories',
  'personalDataPurpose',
  'personalDataLegalBasis',
  'exitPlan',
  'description',
  'contractIds',
  'hostIds',
] as const;
const CODE_FIELDS = {
  SYSTEM_UNIT_INVALID: 'orgId',
  SYSTEM_STATUS_INVALID: 'status',
  SYSTEM_LAUNCH_BLOCKED: 'status',
  PERSONAL_DATA_DETAILS_REQUIRED: 'personalDataCategories',
  LINK_ORG_MISMATCH: 'contractIds',
};

const text = (v: string | undefined) => (v?.trim() ? v.trim() : null);

/** Statuses the form offers: the current one and the next steps (decommissioning has its own action). */
function statusOptions(current: SystemStatus | undefined, mayOverrideLaunch: boolean): SystemStatus[] {
  if (!current) {
    // A new system has no scan yet, so the pre-launch gate (items 四十二, 四十三) lets it in
    // online only by the Ministry's override.
    return mayOverrideLaunch ? ['planned', 'pre_launch', 'online'] : ['planned', 'pre_launch'];
  }
  return [current, ...SYSTEM_STATUS_TRANSITIONS[current].filter((s) => s !== 'decommissioned')];
}

/** Create (system undefined) or edit a system or website, with items 四 and 十三. */
export function SystemFormModal(props: { open: boolean; system?: SystemDetail; onClose: () => void }) {
  const { open, system, onClose } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const store = useStoreSystem();
  const [form] = Form.useForm<Values>();
  const fieldsRef = useFocusFirstField(props.open);
  const [isSubmitting, setSubmitting] = useState(false);
  const handlesPersonalData = Form.useWatch('handlesPersonalData', form) ?? system?.handlesPersonalData ?? false;
  const orgId = Form.useWatch('orgId', form) ?? system?.orgId;
  const onError = useFormErrorHandler({
    form,
    names: FIELDS,
    codeFields: CODE_FIELDS,
    show: (m) => void message.error(m),
  });
  const pickOrg = user.role === 'ministry_admin' && !system;
  const mayOverrideLaunch = can(user.role, 'system.launch-override');
  const status = Form.useWatch('status', form);
  const createsOnline = !system && status === 'online';

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    const body = {
      name: values.name,
      kind: values.kind,
      urls: values.urls,
      environment: values.environment,
      // Decommissioning has its own action; the form never sends it.
      status: values.status === 'decommissioned' ? undefined : values.status,
      launchDate: values.launchDate ? values.launchDate.format('YYYY-MM-DD') : null,
      protectionLevel: values.protectionLevel,
      handlesPersonalData: values.handlesPersonalData,
      personalDataCategories: values.handlesPersonalData ? text(values.personalDataCategories) : null,
      personalDataPurpose: values.handlesPersonalData ? text(values.personalDataPurpose) : null,
      personalDataLegalBasis: values.handlesPersonalData ? text(values.personalDataLegalBasis) : null,
      exitPlan: text(values.exitPlan),
      description: text(values.description),
      contractIds: values.contractIds,
      hostIds: values.hostIds,
    };
    const launchOverride =
      createsOnline && values.launchOverrideReason?.trim() ? { reason: values.launchOverrideReason.trim() } : undefined;
    try {
      if (system) {
        store(await unwrap(http.PATCH('/api/v1/systems/{id}', { params: { path: { id: system.id } }, body })));
        void message.success(t('common.saved'));
        onClose();
      } else {
        const created = await unwrap(
          http.POST('/api/v1/systems', { body: { ...body, orgId: values.orgId ?? '', launchOverride } }),
        );
        store(created);
        void message.success(t('systems.created'));
        onClose();
        void navigate(`/systems/${created.id}`);
      }
    } catch (error) {
      onError(error);
    } finally {
      setSubmitting(false);
    }
  };

  const initialValues: Partial<Values> = system
    ? {
        orgId: system.orgId,
        name: system.name,
        kind: system.kind,
        urls: system.urls,
        environment: system.environment,
        status: system.status,
        launchDate: system.launchDate ? dayjs(system.launchDate) : null,
        protectionLevel: system.protectionLevel,
        handlesPersonalData: system.handlesPersonalData,
        personalDataCategories: system.personalDataCategories ?? undefined,
        personalDataPurpose: system.personalDataPurpose ?? undefined,
        personalDataLegalBasis: system.personalDataLegalBasis ?? undefined,
        exitPlan: system.exitPlan ?? undefined,
        description: system.description ?? undefined,
        contractIds: system.contracts.map((c) => c.id),
        hostIds: system.hosts.map((h) => h.id),
      }
    : {
        orgId: user.role === 'unit_admin' ? user.orgId : undefined,
        kind: 'website',
        urls: [],
        environment: 'production',
        status: 'planned',
        protectionLevel: 'normal',
        handlesPersonalData: false,
        contractIds: [],
        hostIds: [],
      };
  const requiredText = { required: true, whitespace: true, message: t('validation.required') };

  return (
    <Modal
      open={open}
      title={system ? t('systems.form.editTitle') : t('systems.form.createTitle')}
      onCancel={onClose}
      okText={system ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', loading: isSubmitting }}
      width={780}
      destroyOnHidden
      mask={{ closable: false }}
      modalRender={(dom) => (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(values) => void onFinish(values)}
          initialValues={initialValues}
          clearOnDestroy
          requiredMark="optional"
          onValuesChange={(changed: Partial<Values>) => {
            if ('orgId' in changed) {
              form.setFieldsValue({ contractIds: [], hostIds: [] });
            }
          }}
        >
          {dom}
        </Form>
      )}
    >
      <div ref={fieldsRef}>
        {pickOrg ? (
          <Form.Item
            name="orgId"
            label={t('systems.fields.unit')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <OrgSelect kinds={['unit']} placeholder={t('systems.form.unitPlaceholder')} />
          </Form.Item>
        ) : (
          <Form.Item name="orgId" hidden>
            <Input />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col xs={24} md={16}>
            <Form.Item name="name" label={t('systems.fields.name')} rules={[{ ...requiredText, max: 200 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="kind" label={t('systems.fields.kind')}>
              <Select options={SYSTEM_KINDS.map((k) => ({ value: k, label: t(`systems.kind.${k}`) }))} />
            </Form.Item>
          </Col>
        </Row>
        <UrlListField />
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="environment" label={t('systems.fields.environment')}>
              <Select options={ENVIRONMENTS.map((e) => ({ value: e, label: t(`systems.environment.${e}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="status"
              label={t('systems.fields.status')}
              extra={system ? t('systems.form.statusHelp') : undefined}
            >
              <Select
                options={statusOptions(system?.status, mayOverrideLaunch).map((s) => ({
                  value: s,
                  label: t(`systems.status.${s}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="launchDate"
              label={t('systems.fields.launchDate')}
              extra={t('systems.form.launchDateHelp')}
            >
              <DateInput style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        {createsOnline && (
          <Form.Item
            name="launchOverrideReason"
            label={t('systems.form.launchOverrideReason')}
            extra={t('systems.form.launchOverrideHelp')}
            rules={[{ required: true, whitespace: true, message: t('systems.form.launchOverrideRequired') }]}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        )}
        <Form.Item name="protectionLevel" label={t('systems.fields.protectionLevel')}>
          <Radio.Group
            optionType="button"
            options={PROTECTION_LEVELS.map((l) => ({ value: l, label: t(`systems.protection.${l}`) }))}
          />
        </Form.Item>
        <Form.Item name="contractIds" label={t('systems.fields.contracts')} extra={t('systems.form.contractsHelp')}>
          <ContractSelect unitId={orgId} known={system?.contracts} />
        </Form.Item>
        <Form.Item name="hostIds" label={t('systems.fields.hosts')}>
          <HostSelect orgId={orgId} known={system?.hosts} />
        </Form.Item>
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t('systems.sections.personalData')}
        </Typography.Title>
        <Form.Item name="handlesPersonalData" label={t('systems.fields.handlesPersonalData')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {handlesPersonalData && (
          <>
            <Form.Item
              name="personalDataCategories"
              label={t('systems.fields.personalDataCategories')}
              extra={t('systems.form.categoriesHelp')}
              rules={[{ ...requiredText, max: 1000 }]}
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
            </Form.Item>
            <Form.Item
              name="personalDataPurpose"
              label={t('systems.fields.personalDataPurpose')}
              rules={[{ ...requiredText, max: 1000 }]}
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
            </Form.Item>
            <Form.Item
              name="personalDataLegalBasis"
              label={t('systems.fields.personalDataLegalBasis')}
              extra={t('systems.form.legalBasisHelp')}
              rules={[{ ...requiredText, max: 1000 }]}
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="exitPlan"
          label={t('systems.fields.exitPlan')}
          extra={t('systems.form.exitPlanHelp')}
          rules={[{ max: 4000 }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
        <Form.Item name="description" label={t('systems.fields.description')} rules={[{ max: 4000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </div>
    </Modal>
  );
}
