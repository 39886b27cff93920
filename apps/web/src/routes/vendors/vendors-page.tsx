import { useState } from 'react';
import { can } from '@custodian/shared';
import { Button, Tabs, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Route, Routes, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../auth/session-context.js';
import { PageTitle } from '../../components/page-title.js';
import { NotFoundPage } from '../not-found-page.js';
import { QualificationDetail } from './qualification-detail.js';
import { QualificationFormModal } from './qualification-form-modal.js';
import { QualificationsList } from './qualifications-list.js';
import { QualificationsSummary } from './qualifications-summary.js';

/** The list of qualifications and the per-organisation summary, as tabs. */
function VendorsHome({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [tab, setTab] = useState('list');
  const [orgFilter, setOrgFilter] = useState<string | undefined>(undefined);
  const [isCreating, setCreating] = useState(false);

  return (
    <>
      <PageTitle
        title={t('vendors.title')}
        extra={
          canEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('vendors.create')}
            </Button>
          )
        }
      />
      <Typography.Paragraph type="secondary">{t('vendors.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'list',
            label: t('vendors.tabs.list'),
            // Remounted with the organisation picked in the summary as its filter.
            children: <QualificationsList key={orgFilter ?? 'all'} canEdit={canEdit} initialOrgId={orgFilter} />,
          },
          {
            key: 'summary',
            label: t('vendors.tabs.summary'),
            children: (
              <QualificationsSummary
                onShowOrganisation={(orgId) => {
                  setOrgFilter(orgId);
                  setTab('list');
                }}
              />
            ),
          },
        ]}
      />
      {isCreating && (
        <QualificationFormModal
          onClose={(saved) => {
            setCreating(false);
            if (saved) {
              // Straight to the record, where the certificate scan is attached.
              void navigate(`/vendors/${saved.id}`);
            }
          }}
        />
      )}
    </>
  );
}

/** /vendors: vendor due diligence (item 三十九). */
export function VendorsPage() {
  const user = useCurrentUser();
  // Adding is for holders of vendors.manage; each record's `can` says which ones they may change.
  const canEdit = can(user.role, 'vendors.manage');
  return (
    <Routes>
      <Route index element={<VendorsHome canEdit={canEdit} />} />
      <Route path=":id" element={<QualificationDetail />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
