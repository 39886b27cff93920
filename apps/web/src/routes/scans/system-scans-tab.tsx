import { Button, Flex, Tabs, Typography } from 'antd';
import { ImportOutlined } from '@ant-design/icons';
import { can, type SystemDetail } from '@custodian/shared';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../auth/session-context.js';
import { FindingsCharts } from './findings-charts.js';
import { FindingsList } from './findings-list.js';
import { LaunchCheckCard } from './launch-check-card.js';
import { ScansList } from './scans-list.js';

/** A system's vulnerability scans: the pre-launch gate, its findings and its imported scans. */
export function SystemScansTab({ system }: { system: SystemDetail }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  return (
    <Flex vertical gap={16}>
      <LaunchCheckCard system={system} />
      {system.can.edit && can(user.role, 'scans.import') && (
        <div>
          <Button
            type="primary"
            icon={<ImportOutlined />}
            onClick={() => void navigate(`/scans/import?systemId=${system.id}`)}
          >
            {t('findings.import.action')}
          </Button>
        </div>
      )}
      <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
        {t('findings.pageTitle')}
      </Typography.Title>
      <Tabs
        size="small"
        items={[
          { key: 'findings', label: t('findings.tabs.findings'), children: <FindingsList systemId={system.id} /> },
          { key: 'scans', label: t('findings.tabs.scans'), children: <ScansList systemId={system.id} /> },
          { key: 'charts', label: t('findings.tabs.charts'), children: <FindingsCharts systemId={system.id} /> },
        ]}
      />
    </Flex>
  );
}
