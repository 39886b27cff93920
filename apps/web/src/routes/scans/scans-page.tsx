import { Button, Tabs, Typography } from 'antd';
import { ImportOutlined } from '@ant-design/icons';
import { can } from '@custodian/shared';
import { Route, Routes, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../auth/session-context.js';
import { PageTitle } from '../../components/page-title.js';
import { withParams } from '../../lib/search-params.js';
import { NotFoundPage } from '../not-found-page.js';
import { FindingDetailPage } from './finding-detail-page.js';
import { FindingsCharts } from './findings-charts.js';
import { FindingsList } from './findings-list.js';
import { ScanDetailPage } from './scan-detail-page.js';
import { ScanImportPage } from './scan-import-page.js';
import { ScansList } from './scans-list.js';

const TABS = ['findings', 'scans', 'charts'] as const;
type TabKey = (typeof TABS)[number];

/** Findings across every system in scope, and the imported scans, as tabs. */
function ScansHome() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const tabParam = searchParams.get('tab');
  const tab: TabKey = TABS.includes(tabParam as TabKey) ? (tabParam as TabKey) : 'findings';
  return (
    <>
      <PageTitle
        title={t('findings.pageTitle')}
        extra={
          can(user.role, 'scans.import') && (
            <Button type="primary" icon={<ImportOutlined />} onClick={() => void navigate('/scans/import')}>
              {t('findings.import.action')}
            </Button>
          )
        }
      />
      <Typography.Paragraph type="secondary">{t('findings.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(key) =>
          setSearchParams((prev) => withParams(prev, { tab: key === 'findings' ? undefined : key }), { replace: true })
        }
        items={[
          { key: 'findings', label: t('findings.tabs.findings'), children: <FindingsList /> },
          { key: 'scans', label: t('findings.tabs.scans'), children: <ScansList /> },
          { key: 'charts', label: t('findings.tabs.charts'), children: <FindingsCharts /> },
        ]}
      />
    </>
  );
}

/** /scans: vulnerability scans and their findings (items 九, 十七, 四十二, 四十三). */
export function ScansPage() {
  return (
    <Routes>
      <Route index element={<ScansHome />} />
      <Route path="import" element={<ScanImportPage />} />
      <Route path="findings/:id" element={<FindingDetailPage />} />
      <Route path=":id" element={<ScanDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
