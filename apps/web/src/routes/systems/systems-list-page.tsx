import { useState } from 'react';
import { can } from '@custodian/shared';
import { App, Button, Tabs } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

import { apiFetch } from '../../api/client.js';
import { useCurrentUser } from '../../auth/session-context.js';
import { PageTitle } from '../../components/page-title.js';
import { downloadFile } from '../../lib/download.js';
import { useErrorText } from '../../lib/errors.js';
import { usePagedQuery } from '../../lib/use-paged-query.js';
import { OverdueSummary } from './overdue-summary.js';
import { SystemFormModal } from './system-form-modal.js';
import { SystemsList, type SystemFilters } from './systems-list.js';
import { withParams } from '../../lib/search-params.js';
import { queryKeys } from '../../api/query-keys.js';
import { today } from '../../lib/clock.js';

/**
 * Systems and websites in scope: search, filters, bulk confirmation of contacts, export;
 * for the Ministry also the per-unit view of overdue contacts (item 十).
 */
export function SystemsListPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const errorText = useErrorText();
  const [searchParams, setSearchParams] = useSearchParams();
  const [isCreating, setCreating] = useState(false);
  const [isExporting, setExporting] = useState(false);
  const paged = usePagedQuery<'/api/v1/systems', SystemFilters>({
    key: queryKeys.systems.list,
    path: '/api/v1/systems',
    initialFilters: {},
    urlFilters: ['orgId', 'status', 'protectionLevel', 'contactsOverdue'],
  });
  const showSummary = can(user.role, 'contacts.oversee');
  const activeTab = showSummary && searchParams.get('tab') === 'overdue' ? 'overdue' : 'list';

  const onExport = async () => {
    setExporting(true);
    try {
      const response = await apiFetch('/exports/systems.xlsx', { query: paged.filters });
      downloadFile({
        content: await response.blob(),
        filename: `systems-${today()}.xlsx`,
      });
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setExporting(false);
    }
  };

  const list = <SystemsList paged={paged} />;
  return (
    <>
      <PageTitle
        title={t('systems.title')}
        extra={
          <span className="page-toolbar">
            <Button icon={<DownloadOutlined />} loading={isExporting} onClick={() => void onExport()}>
              {t('systems.export')}
            </Button>
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
