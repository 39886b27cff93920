import { useState } from 'react';
import { can } from '@custodian/shared';
import { Button, Card, Tabs, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Route, Routes, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../auth/session-context.js';
import { PageTitle } from '../../components/page-title.js';
import { NotFoundPage } from '../not-found-page.js';
import { AllocationDetailPage } from './allocation-detail-page.js';
import { AllocationFormModal } from './allocation-form-modal.js';
import { AllocationsList } from './allocations-list.js';
import { RenewalQueue } from './renewal-queue.js';
import { withParams } from '../../lib/search-params.js';

const TABS = ['list', 'renewals'] as const;
type Tab = (typeof TABS)[number];

/** /allocations: the list and the renewal requests, as tabs kept in the URL (?tab=renewals). */
function AllocationsHome() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const [isAdding, setAdding] = useState(false);
  const tab: Tab = params.get('tab') === 'renewals' ? 'renewals' : 'list';
  return (
    <>
      <PageTitle
        title={t('allocations.title')}
        extra={
          can(user.role, 'allocation.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('allocations.add')}
            </Button>
          )
        }
      />
      <Typography.Paragraph type="secondary">{t('allocations.intro')}</Typography.Paragraph>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) =>
            setParams((prev) => withParams(prev, { tab: key === 'list' ? undefined : key }), { replace: true })
          }
          destroyOnHidden
          items={TABS.map((key) => ({
            key,
            label: t(`allocations.tabs.${key}`),
            children: key === 'list' ? <AllocationsList /> : <RenewalQueue />,
          }))}
        />
      </Card>
      {isAdding && <AllocationFormModal onClose={() => setAdding(false)} />}
    </>
  );
}

/** Domain and IP allocations (item 十一): list, renewal requests and one allocation's detail. */
export function AllocationsPage() {
  return (
    <Routes>
      <Route index element={<AllocationsHome />} />
      <Route path=":id" element={<AllocationDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
