import { useState } from 'react';
import { Breadcrumb, Button, Space, Tabs } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { AttachmentsPanel } from '../../components/attachments-panel.js';
import { PageTitle } from '../../components/page-title.js';
import { SystemAllocations } from '../allocations/system-allocations.js';
import { PentestsList } from '../pentests/pentests-list.js';
import { SystemScansTab } from '../scans/system-scans-tab.js';
import { SystemContactsTab } from './system-contacts-tab.js';
import { SystemContractsTab } from './system-contracts-tab.js';
import { SystemFormModal } from './system-form-modal.js';
import { SystemHostsTab } from './system-hosts-tab.js';
import { SystemOverviewTab } from './system-overview-tab.js';
import { ContactsStateTags, ProtectionTag, SystemStatusTag } from './system-parts.js';
import { useSystemQuery } from './use-system.js';
import { RecordFallback } from '../../components/record-fallback.js';

const TABS = ['overview', 'contracts', 'hosts', 'contacts', 'allocations', 'scans', 'pentests', 'attachments'] as const;
type TabKey = (typeof TABS)[number];

/** /systems/:id: overview, contracts, hosts, contacts, domain/IP allocations, scans and attachments. */
export function SystemDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const [isEditing, setEditing] = useState(false);
  const query = useSystemQuery(id);
  const tabParam = searchParams.get('tab');
  const activeTab: TabKey = TABS.includes(tabParam as TabKey) ? (tabParam as TabKey) : 'overview';

  if (!query.isSuccess) {
    return (
      <RecordFallback
        query={query}
        notFound={t('systems.notFound')}
        back={<Link to="/systems">{t('systems.backToList')}</Link>}
      />
    );
  }
  const system = query.data;

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[{ title: <Link to="/systems">{t('systems.title')}</Link> }, { title: system.name }]}
      />
      <PageTitle
        title={system.name}
        extra={
          <Space wrap>
            <SystemStatusTag status={system.status} />
            <ProtectionTag level={system.protectionLevel} />
            {system.status !== 'decommissioned' && <ContactsStateTags system={system} />}
            {system.can.edit && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            )}
          </Space>
        }
      />
      <Tabs
        activeKey={activeTab}
        onChange={(key) => setSearchParams(key === 'overview' ? {} : { tab: key }, { replace: true })}
        items={[
          { key: 'overview', label: t('systems.tabs.overview'), children: <SystemOverviewTab system={system} /> },
          {
            key: 'contracts',
            label: t('systems.tabs.contracts', { count: system.contracts.length }),
            children: <SystemContractsTab system={system} />,
          },
          {
            key: 'hosts',
            label: t('systems.tabs.hosts', { count: system.hosts.length }),
            children: <SystemHostsTab system={system} />,
          },
          {
            key: 'contacts',
            label: t('systems.tabs.contacts'),
            children: <SystemContactsTab system={system} />,
          },
          {
            key: 'allocations',
            label: t('systems.tabs.allocations'),
            children: <SystemAllocations systemId={system.id} canEdit={system.can.edit} />,
          },
          {
            key: 'scans',
            label: t('systems.tabs.scans'),
            children: <SystemScansTab system={system} />,
          },
          {
            key: 'pentests',
            label: t('systems.tabs.pentests'),
            children: <PentestsList systemId={system.id} canCreate={system.can.edit} />,
          },
          {
            key: 'attachments',
            label: t('systems.tabs.attachments'),
            children: <AttachmentsPanel ownerType="system" ownerId={system.id} canEdit={system.can.edit} />,
          },
        ]}
      />
      {isEditing && <SystemFormModal open system={system} onClose={() => setEditing(false)} />}
    </>
  );
}
