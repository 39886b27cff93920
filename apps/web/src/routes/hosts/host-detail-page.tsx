import { useState } from 'react';
import { Breadcrumb, Button, Card, Descriptions, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { HostDetail } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { PageTitle } from '../../components/page-title.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { ProtectionTag, SystemStatusTag } from '../systems/system-parts.js';
import { HostFormModal } from './host-form-modal.js';
import { RecordFallback } from '../../components/record-fallback.js';
import { queryKeys } from '../../api/query-keys.js';
import { useOrgName } from '../../lib/use-org-name.js';

type ServedSystem = HostDetail['systems'][number];

/** /hosts/:id: the server and the systems it serves. */
export function HostDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const orgName = useOrgName();
  const formatDate = useFormatDate();
  const [isEditing, setEditing] = useState(false);
  const query = useQuery({
    queryKey: queryKeys.hosts.detail(id),
    queryFn: () => unwrap(http.GET('/api/v1/hosts/{id}', { params: { path: { id } } })),
  });

  if (!query.isSuccess) {
    return (
      <RecordFallback
        query={query}
        notFound={t('hosts.notFound')}
        back={<Link to="/hosts">{t('hosts.backToList')}</Link>}
      />
    );
  }
  const host = query.data;
  const columns: TableColumnsType<ServedSystem> = [
    {
      title: t('systems.fields.name'),
      dataIndex: 'name',
      render: (_, s) => (
        <>
          <Link to={`/systems/${s.id}`}>{s.name}</Link>
          {s.urls[0] && (
            <div>
              <Typography.Text type="secondary">{s.urls[0]}</Typography.Text>
            </div>
          )}
        </>
      ),
    },
    {
      title: t('systems.fields.status'),
      dataIndex: 'status',
      width: 120,
      render: (_, s) => <SystemStatusTag status={s.status} />,
    },
    {
      title: t('systems.fields.protectionLevel'),
      dataIndex: 'protectionLevel',
      width: 140,
      render: (_, s) => <ProtectionTag level={s.protectionLevel} />,
    },
  ];

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[{ title: <Link to="/hosts">{t('hosts.title')}</Link> }, { title: host.hostname }]}
      />
      <PageTitle
        title={host.hostname}
        extra={
          <Space wrap>
            {host.isActive ? <Tag color="green">{t('hosts.inService')}</Tag> : <Tag>{t('hosts.outOfService')}</Tag>}
            {host.can.edit && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            )}
          </Space>
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small" title={t('hosts.sections.basic')}>
          <Descriptions
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'unit', label: t('hosts.fields.unit'), children: orgName(host.orgName, host.orgNameEn) },
              { key: 'ips', label: t('hosts.fields.ips'), children: host.ips.length > 0 ? host.ips.join(', ') : '—' },
              { key: 'os', label: t('hosts.fields.os'), children: host.os ?? '—' },
              { key: 'role', label: t('hosts.fields.role'), children: host.role ?? '—' },
              { key: 'location', label: t('hosts.fields.location'), children: t(`hosts.location.${host.location}`) },
              { key: 'site', label: t('hosts.fields.site'), children: host.site ?? '—' },
              { key: 'updated', label: t('hosts.fields.updatedAt'), children: formatDate(host.updatedAt) },
              {
                key: 'notes',
                label: t('hosts.fields.notes'),
                span: 'filled',
                children: host.notes ? (
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                    {host.notes}
                  </Typography.Paragraph>
                ) : (
                  '—'
                ),
              },
            ]}
          />
        </Card>
        <Card size="small" title={t('hosts.sections.systems', { count: host.systems.length })}>
          <Table<ServedSystem>
            rowKey="id"
            columns={columns}
            dataSource={host.systems}
            pagination={false}
            locale={{ emptyText: t('hosts.noSystems') }}
          />
        </Card>
      </Space>
      {isEditing && <HostFormModal open host={host} onClose={() => setEditing(false)} />}
    </>
  );
}
