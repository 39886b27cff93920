import { useState } from 'react';
import { Button, Card, Descriptions, Empty, Flex, Space, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ContractDetail, RiskAssessment, RiskLevel } from '@custodian/shared';
import { AttachmentsPanel } from '../../components/attachments-panel.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { RiskAssessmentModal } from './risk-assessment-modal.js';

const LEVEL_COLORS: Record<RiskLevel, string> = { low: 'green', medium: 'orange', high: 'red' };
type Editing = { mode: 'create' } | { mode: 'edit'; assessment: RiskAssessment } | null;

/** 風險評估 (item 三): the assessments made before commissioning, each with its files. */
export function ContractRiskTab({ contract }: { contract: ContractDetail }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const [editing, setEditing] = useState<Editing>(null);

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">{t('contracts.risk.help')}</Typography.Text>
        {contract.can.edit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })}>
            {t('contracts.risk.create')}
          </Button>
        )}
      </Flex>
      {contract.riskAssessments.length === 0 ? (
        <Empty description={t('contracts.risk.empty')} />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {contract.riskAssessments.map((a) => (
            <Card
              key={a.id}
              size="small"
              title={
                <Flex align="center" gap={8} wrap>
                  <Typography.Title level={2} style={{ fontSize: 15, margin: 0 }}>
                    {t('contracts.risk.cardTitle', { date: formatDate(a.assessedOn, false), assessor: a.assessor })}
                  </Typography.Title>
                  {a.assessedOn > contract.periodStart && <Tag color="warning">{t('contracts.risk.afterStart')}</Tag>}
                </Flex>
              }
              extra={
                contract.can.edit && (
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    aria-label={t('contracts.risk.editNamed', { date: formatDate(a.assessedOn, false) })}
                    onClick={() => setEditing({ mode: 'edit', assessment: a })}
                  >
                    {t('common.edit')}
                  </Button>
                )
              }
            >
              <Descriptions
                size="small"
                column={1}
                items={[
                  {
                    key: 'level',
                    label: t('contracts.risk.level'),
                    children: <Tag color={LEVEL_COLORS[a.level]}>{t(`contracts.risk.levels.${a.level}`)}</Tag>,
                  },
                  {
                    key: 'risks',
                    label: t('contracts.risk.risks'),
                    children: a.risks.map((r) => <Tag key={r}>{t(`contracts.risk.kinds.${r}`)}</Tag>),
                  },
                  {
                    key: 'mitigation',
                    label: t('contracts.risk.mitigation'),
                    children: <span style={{ whiteSpace: 'pre-wrap' }}>{a.mitigation ?? '—'}</span>,
                  },
                  {
                    key: 'conclusion',
                    label: t('contracts.risk.conclusion'),
                    children: <span style={{ whiteSpace: 'pre-wrap' }}>{a.conclusion ?? '—'}</span>,
                  },
                  {
                    key: 'recorded',
                    label: t('contracts.risk.recordedBy'),
                    children: `${a.createdByName ?? '—'}，${formatDate(a.createdAt)}`,
                  },
                ]}
              />
              <div style={{ marginTop: 16 }}>
                <AttachmentsPanel ownerType="risk_assessment" ownerId={a.id} canEdit={contract.can.edit} />
              </div>
            </Card>
          ))}
        </Space>
      )}
      {editing && (
        <RiskAssessmentModal
          contractId={contract.id}
          assessment={editing.mode === 'edit' ? editing.assessment : undefined}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
