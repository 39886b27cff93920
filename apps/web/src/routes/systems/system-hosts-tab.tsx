import { useState } from 'react';
import { App, Button, Form, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DisconnectOutlined, LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { SystemDetail } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { FormModal } from '../../components/form-modal.js';
import { useErrorText } from '../../lib/errors.js';
import { HostFormModal } from '../hosts/host-form-modal.js';
import { HostSelect } from '../hosts/host-select.js';
import { useRefreshSystems, useStoreSystem } from './use-system.js';

type LinkedHost = SystemDetail['hosts'][number];

/** 主機: the servers that run the system; link existing hosts, add a new one, unlink. */
export function SystemHostsTab({ system }: { system: SystemDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const store = useStoreSystem();
  const refresh = useRefreshSystems();
  const [form] = Form.useForm<{ hostIds: string[] }>();
  const [mode, setMode] = useState<'link' | 'create' | null>(null);
  const [isSaving, setSaving] = useState(false);
  const linkedIds = system.hosts.map((h) => h.id);

  const saveHosts = async (hostIds: string[], done: string) => {
    setSaving(true);
    try {
      store(
        await unwrap(http.PATCH('/api/v1/systems/{id}', { params: { path: { id: system.id } }, body: { hostIds } })),
      );
      void message.success(done);
      setMode(null);
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  const columns: TableColumnsType<LinkedHost> = [
    {
      title: t('hosts.fields.hostname'),
      dataIndex: 'hostname',
      render: (_, h) => <Link to={`/hosts/${h.id}`}>{h.hostname}</Link>,
    },
    {
      title: t('hosts.fields.ips'),
      dataIndex: 'ips',
      render: (ips: string[]) => (ips.length > 0 ? ips.join(', ') : '—'),
    },
    {
      title: t('hosts.fields.location'),
      dataIndex: 'location',
      width: 120,
      render: (_, h) => t(`hosts.location.${h.location}`),
    },
    {
      title: t('hosts.fields.active'),
      dataIndex: 'isActive',
      width: 100,
      render: (active: boolean) =>
        active ? <Tag color="green">{t('hosts.inService')}</Tag> : <Tag>{t('hosts.outOfService')}</Tag>,
    },
  ];
  if (system.can.edit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, h) => (
        <Popconfirm
          title={t('systems.hosts.unlinkConfirm', { hostname: h.hostname })}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          onConfirm={() =>
            saveHosts(
              linkedIds.filter((id) => id !== h.id),
              t('systems.hosts.unlinked'),
            )
          }
        >
          <Button
            size="small"
            icon={<DisconnectOutlined />}
            aria-label={t('systems.hosts.unlinkNamed', { hostname: h.hostname })}
          >
            {t('systems.hosts.unlink')}
          </Button>
        </Popconfirm>
      ),
    });
  }

  return (
    <>
      {system.can.edit && (
        <div className="page-toolbar">
          <Button icon={<LinkOutlined />} onClick={() => setMode('link')}>
            {t('systems.hosts.link')}
          </Button>
          <Button icon={<PlusOutlined />} onClick={() => setMode('create')}>
            {t('systems.hosts.create')}
          </Button>
        </div>
      )}
      <Table<LinkedHost>
        rowKey="id"
        columns={columns}
        dataSource={system.hosts}
        pagination={false}
        locale={{ emptyText: t('systems.hosts.empty') }}
      />
      {mode === 'link' && (
        <FormModal<{ hostIds: string[] }>
          open
          title={t('systems.hosts.linkTitle')}
          form={form}
          onFinish={(values) => void saveHosts([...linkedIds, ...values.hostIds], t('systems.hosts.linked'))}
          onCancel={() => setMode(null)}
          isSubmitting={isSaving}
          okText={t('systems.hosts.linkOk')}
          initialValues={{ hostIds: [] }}
        >
          <Typography.Paragraph type="secondary">{t('systems.hosts.linkHelp')}</Typography.Paragraph>
          <Form.Item
            name="hostIds"
            label={t('systems.hosts.pick')}
            rules={[{ required: true, type: 'array', min: 1, message: t('systems.hosts.pickRequired') }]}
          >
            <HostSelect orgId={system.orgId} exclude={linkedIds} />
          </Form.Item>
        </FormModal>
      )}
      {mode === 'create' && (
        <HostFormModal
          open
          defaults={{ orgId: system.orgId, systemIds: [system.id], systems: [system] }}
          onClose={() => setMode(null)}
          onSaved={() => void refresh()}
        />
      )}
    </>
  );
}
