import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Space, Typography } from 'antd';
import { PoweroffOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { SystemDetail } from '@custodian/shared';
import { useFormatDate } from '../../lib/use-format-date.js';
import { DecommissionModal } from './decommission-modal.js';
import { useOrgName } from '../../lib/use-org-name.js';

const multiline = (value: string | null) =>
  value ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{value}</Typography.Paragraph> : '—';

/** 概要: the record, its personal data (item 四) and exit plan (item 十三), and going offline. */
export function SystemOverviewTab({ system }: { system: SystemDetail }) {
  const { t } = useTranslation();
  const orgName = useOrgName();
  const formatDate = useFormatDate();
  const [isDecommissioning, setDecommissioning] = useState(false);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {system.status === 'decommissioned' && (
        <Alert
          type="info"
          showIcon
          title={t('systems.overview.decommissionedNotice', { date: formatDate(system.decommissionDate, false) })}
        />
      )}
      <Card title={t('systems.sections.basic')} size="small">
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'unit', label: t('systems.fields.unit'), children: orgName(system.orgName, system.orgNameEn) },
            { key: 'kind', label: t('systems.fields.kind'), children: t(`systems.kind.${system.kind}`) },
            {
              key: 'environment',
              label: t('systems.fields.environment'),
              children: t(`systems.environment.${system.environment}`),
            },
            { key: 'status', label: t('systems.fields.status'), children: t(`systems.status.${system.status}`) },
            { key: 'launch', label: t('systems.fields.launchDate'), children: formatDate(system.launchDate, false) },
            {
              key: 'decommission',
              label: t('systems.fields.decommissionDate'),
              children: formatDate(system.decommissionDate, false),
            },
            {
              key: 'protection',
              label: t('systems.fields.protectionLevel'),
              children: t(`systems.protection.${system.protectionLevel}`),
            },
            {
              key: 'policy',
              label: t('systems.fields.policyVersion'),
              children: t('systems.overview.policyVersion', {
                version: system.policyVersion,
                months: system.contactsIntervalMonths,
              }),
            },
            {
              key: 'urls',
              label: t('systems.fields.urls'),
              span: 'filled',
              children:
                system.urls.length === 0 ? (
                  '—'
                ) : (
                  <Space orientation="vertical" size={0}>
                    {system.urls.map((url) => (
                      <Typography.Link key={url} href={url} target="_blank" rel="noopener noreferrer">
                        {url}
                      </Typography.Link>
                    ))}
                  </Space>
                ),
            },
            {
              key: 'description',
              label: t('systems.fields.description'),
              span: 'filled',
              children: multiline(system.description),
            },
          ]}
        />
      </Card>
      <Card title={t('systems.sections.personalData')} size="small">
        <Descriptions
          column={1}
          items={[
            {
              key: 'handles',
              label: t('systems.fields.handlesPersonalData'),
              children: system.handlesPersonalData ? t('systems.overview.yes') : t('systems.overview.no'),
            },
            ...(system.handlesPersonalData
              ? [
                  {
                    key: 'categories',
                    label: t('systems.fields.personalDataCategories'),
                    children: multiline(system.personalDataCategories),
                  },
                  {
                    key: 'purpose',
                    label: t('systems.fields.personalDataPurpose'),
                    children: multiline(system.personalDataPurpose),
                  },
                  {
                    key: 'basis',
                    label: t('systems.fields.personalDataLegalBasis'),
                    children: multiline(system.personalDataLegalBasis),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card title={t('systems.sections.exitPlan')} size="small">
        {system.exitPlan ? (
          multiline(system.exitPlan)
        ) : (
          <Alert type="warning" showIcon title={t('systems.overview.noExitPlan')} />
        )}
      </Card>
      {system.can.edit && (
        <Card title={t('systems.sections.decommission')} size="small">
          <Typography.Paragraph>{t('systems.overview.decommissionText')}</Typography.Paragraph>
          <Button danger icon={<PoweroffOutlined />} onClick={() => setDecommissioning(true)}>
            {t('systems.decommission.button')}
          </Button>
        </Card>
      )}
      {isDecommissioning && <DecommissionModal open system={system} onClose={() => setDecommissioning(false)} />}
    </Space>
  );
}
