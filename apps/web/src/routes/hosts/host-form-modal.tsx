import { useState } from 'react';
import { App, Col, Form, Input, Radio, Row, Switch } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  HOST_LOCATIONS,
  isIpAddress,
  MAX_HOST_IPS,
  type HostDetail,
  type HostLocation,
  type SystemStatus,
} from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { useCurrentUser } from '../../auth/session-context.js';
import { FormModal } from '../../components/form-modal.js';
import { TagsField } from '../../components/tags-input.js';
import { OrgSelect } from '../../components/org-select.js';
import { useFormErrorHandler } from '../../lib/errors.js';
import { SystemSelect } from './system-select.js';
import { listKey, queryKeys } from '../../api/query-keys.js';
import { useRules } from '../../lib/rules.js';

type Values = {
  orgId?: string;
  hostname: string;
  ips: string[];
  os?: string;
  role?: string;
  location: HostLocation;
  site?: string;
  notes?: string;
  isActive?: boolean;
  systemIds: string[];
};
const FIELDS = [
  'orgId',
  'hostname',
  'ips',
  'os',
  'role',
  'location',
  'site',
  'notes',
  'isActive',
  'systemIds',
] as const;
const CODE_FIELDS = {
  INVALID_IP: 'ips',
  INVALID_HOSTNAME: 'hostname',
  HOSTNAME_TAKEN: 'hostname',
  SYSTEM_UNIT_INVALID: 'orgId',
  LINK_ORG_MISMATCH: 'systemIds',
  SYSTEM_DECOMMISSIONED: 'systemIds',
};

const text = (v: string | undefined) => (v?.trim() ? v.trim() : null);

export type HostFormDefaults = {
  orgId: string;
  systemIds: string[];
  systems: { id: string; name: string; status: SystemStatus }[];
};

/**
 * Create (host undefined) or edit a server. From a system's page, `defaults` fix the unit
 * and link the new host to that system; otherwise a new host opens its own page.
 */
export function HostFormModal(props: {
  open: boolean;
  host?: HostDetail;
  defaults?: HostFormDefaults;
  onClose: () => void;
  onSaved?: (host: HostDetail) => void;
}) {
  const { open, host, defaults, onClose, onSaved } = props;
  const { t } = useTranslation();
  const rules = useRules();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [isSubmitting, setSubmitting] = useState(false);
  const orgId = Form.useWatch('orgId', form) ?? host?.orgId ?? defaults?.orgId;
  const onError = useFormErrorHandler({
    form,
    names: FIELDS,
    codeFields: CODE_FIELDS,
    show: (m) => void message.error(m),
  });
  const pickOrg = user.role === 'ministry_admin' && !host && !defaults;

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    const body = {
      hostname: values.hostname.trim(),
      ips: values.ips.map((ip) => ip.trim()).filter(Boolean),
      os: text(values.os),
      role: text(values.role),
      location: values.location,
      site: text(values.site),
      notes: text(values.notes),
      systemIds: values.systemIds,
    };
    try {
      const saved = host
        ? await unwrap(
            http.PATCH('/api/v1/hosts/{id}', {
              params: { path: { id: host.id } },
              body: { ...body, isActive: values.isActive },
            }),
          )
        : await unwrap(http.POST('/api/v1/hosts', { body: { ...body, orgId: values.orgId ?? '' } }));
      queryClient.setQueryData(queryKeys.hosts.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: listKey(queryKeys.hosts.list) });
      void queryClient.invalidateQueries({ queryKey: listKey(queryKeys.hosts.options) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.systems.all });
      void message.success(host ? t('common.saved') : t('hosts.created'));
      onSaved?.(saved);
      onClose();
      if (!host && !defaults) {
        void navigate(`/hosts/${saved.id}`);
      }
    } catch (error) {
      onError(error);
    } finally {
      setSubmitting(false);
    }
  };

  const initialValues: Partial<Values> = host
    ? {
        orgId: host.orgId,
        hostname: host.hostname,
        ips: host.ips,
        os: host.os ?? undefined,
        role: host.role ?? undefined,
        location: host.location,
        site: host.site ?? undefined,
        notes: host.notes ?? undefined,
        isActive: host.isActive,
        systemIds: host.systems.map((s) => s.id),
      }
    : {
        orgId: defaults?.orgId ?? (user.role === 'unit_admin' ? user.orgId : undefined),
        ips: [],
        location: 'on_premise',
        systemIds: defaults?.systemIds ?? [],
      };

  return (
    <FormModal<Values>
      open={open}
      title={host ? t('hosts.form.editTitle') : t('hosts.form.createTitle')}
      form={form}
      onFinish={(values) => void onFinish(values)}
      onCancel={onClose}
      isSubmitting={isSubmitting}
      okText={host ? t('common.save') : t('common.create')}
      initialValues={initialValues}
    >
      {pickOrg ? (
        <Form.Item
          name="orgId"
          label={t('hosts.fields.unit')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <OrgSelect kinds={['unit']} placeholder={t('hosts.form.unitPlaceholder')} />
        </Form.Item>
      ) : (
        <Form.Item name="orgId" hidden>
          <Input />
        </Form.Item>
      )}
      <Form.Item
        name="hostname"
        label={t('hosts.fields.hostname')}
        extra={t('hosts.form.hostnameHelp')}
        rules={rules.requiredText(253)}
      >
        <Input spellCheck={false} autoComplete="off" />
      </Form.Item>
      <TagsField
        name="ips"
        label={t('hosts.fields.ips')}
        extra={t('hosts.form.ipsHelp', { max: MAX_HOST_IPS })}
        max={MAX_HOST_IPS}
        tooMany={t('hosts.form.ipsTooMany', { max: MAX_HOST_IPS })}
        isValid={isIpAddress}
        placeholder="192.0.2.10"
      />
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="os" label={t('hosts.fields.os')} rules={[{ max: 200 }]}>
            <Input placeholder={t('hosts.form.osPlaceholder')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="role" label={t('hosts.fields.role')} rules={[{ max: 200 }]}>
            <Input placeholder={t('hosts.form.rolePlaceholder')} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="location" label={t('hosts.fields.location')}>
        <Radio.Group
          optionType="button"
          options={HOST_LOCATIONS.map((l) => ({ value: l, label: t(`hosts.location.${l}`) }))}
        />
      </Form.Item>
      <Form.Item name="site" label={t('hosts.fields.site')} extra={t('hosts.form.siteHelp')} rules={[{ max: 200 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="systemIds" label={t('hosts.fields.systems')}>
        <SystemSelect orgId={orgId} known={host?.systems ?? defaults?.systems} />
      </Form.Item>
      <Form.Item name="notes" label={t('hosts.fields.notes')} rules={[{ max: 4000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      {host && (
        <Form.Item name="isActive" label={t('hosts.fields.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      )}
    </FormModal>
  );
}
