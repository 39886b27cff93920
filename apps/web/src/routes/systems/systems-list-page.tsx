import { useState } from 'react';
import { can } from '@custodian/shared';
import { Button, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

import { useCurrentUser } from '../../auth/session-context.js';
import { ExportButtons } from '../../components/export-buttons.js';
import { PageTitle } from '../../components/page-title.js';
import { usePagedQuery } from '../../lib/use-paged-query.js';
import { OverdueSummary } from './overdue-summary.js';
import { SystemFormModal } from './system-form-modal.js';
import { SystemsList, type SystemFilters } from './systems-list.js';
import { withParams } from '../../lib/search-params.js';
import { queryKeys } from '../../api/query-keys.js';

/**
 * Systems and websites in scope: search, filters, bulk confirmation of contacts, export;
 * for the Ministry also the per-unit view of overdue contacts (item 十).
 */
export function SystemsListPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [searchParams, setSearchParams] = useSearchParams();
  const [isCreating, setCreating] = useState(false);
  const paged = usePagedQuery<'/api/v1/systems', SystemFilters>({
    key: queryKeys.systems.list,
    path: '/api/v1/systems',
    initialFilters: {},
    urlFilters: ['orgId', 'status', 'protectionLevel', 'contactsOverdue'],
  });
  const showSummary = can(user.role, 'contacts.oversee');
  const activeTab = showSummary && searchParams.get('tab') === 'overdue' ? 'overdue' : 'list';

  const list = <SystemsList paged={paged} />;
  return (
    <>
      <PageTitle
        title={t('systems.title')}
        extra={
          <span className="page-toolbar">
            <ExportButtons
              list="systems"
              query={paged.filters}
              reportLabel={t('systems.exportReport')}
              templateLabel={t('systems.export')}
            />
            {can(user.role, 'system.manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('systems.create')}
              </Button>
            )}
          </span>
        }
      />
      {showSummary ? (
        <Tabs
          activeKey={activeTab}
          onChange={(key) =>
            setSearchParams((prev) => withParams(prev, { tab: key === 'list' ? undefined : key }), { replace: true })
          }
          items={[
            { key: 'list', label: t('systems.tabs.list'), children: list },
            {
              key: 'overdue',
              label: t('systems.tabs.overdue'),
              children: (
                <OverdueSummary
                  onPickUnit={(orgId) => setSearchParams({ orgId, contactsOverdue: 'true' }, { replace: true })}
                />
              ),
            },
          ]}
        />
      ) : (
        list
      )}
      {isCreating && <SystemFormModal open onClose={() => setCreating(false)} />}
    </>
  );
}
