import { useState } from 'react';
import { Alert, App, Breadcrumb, Button, Popconfirm, Space, Tabs } from 'antd';
import { EditOutlined, SyncOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ContractDetail } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { AttachmentsPanel } from '../../components/attachments-panel.js';
import { PageTitle } from '../../components/page-title.js';
import { useErrorText } from '../../lib/errors.js';
import { ComplianceTag } from './compliance-tag.js';
import { ContractClausesTab } from './contract-clauses-tab.js';
import { ContractFormModal } from './contract-form-modal.js';
import { ContractOverviewTab } from './contract-overview-tab.js';
import { ContractRiskTab } from './contract-risk-tab.js';
import { ContractSystemsTab } from './contract-systems-tab.js';
import { useContractQuery, useStoreContract } from './use-contract.js';
import { RecordFallback } from '../../components/record-fallback.js';
import { ContractAgreementsTab } from '../agreements/contract-agreements-tab.js';

const TABS = ['overview', 'clauses', 'risk', 'systems', 'attachments', 'agreements'] as const;
type TabKey = (typeof TABS)[number];

const clausesKey = (c: ContractDetail) =>
  [c.policyVersionId, ...c.clauses.map((cl) => `${cl.code}:${cl.updatedAt ?? ''}`)].join('|');

/** /contracts/:id: overview, security clauses, risk assessments, systems and attachments. */
export function ContractDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [searchParams, setSearchParams] = useSearchParams();
  const [isEditing, setEditing] = useState(false);
  const query = useContractQuery(id);
  const store = useStoreContract();
  const reevaluate = useMutation({
    mutationFn: () => unwrap(http.POST('/api/v1/contracts/{id}/reevaluate', { params: { path: { id } } })),
    onSuccess: (saved) => {
      store(saved);
      void message.success(t('contracts.reevaluated', { version: saved.policyVersion }));
    },
    onError: (error) => void message.error(errorText(error)),
  });
  const tabParam = searchParams.get('tab');
  const activeTab: TabKey = TABS.includes(tabParam as TabKey) ? (tabParam as TabKey) : 'overview';

  if (!query.isSuccess) {
    return (
      <RecordFallback
        query={query}
        notFound={t('contracts.notFound')}
        back={<Link to="/contracts">{t('contracts.backToList')}</Link>}
      />
    );
  }
  const contract = query.data;
  const isOutdated = contract.policyVersion !== contract.currentPolicyVersion;

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[{ title: <Link to="/contracts">{t('contracts.title')}</Link> }, { title: contract.number }]}
      />
      <PageTitle
        title={`${contract.number} ${contract.name}`}
        extra={
          <Space wrap>
            <ComplianceTag status={contract.complianceStatus} missingCount={contract.missingClauses.length} />
            {contract.can.edit && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            )}
          </Space>
        }
      />
      {isOutdated && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('contracts.policyOutdated', {
            version: contract.policyVersion,
            current: contract.currentPolicyVersion,
          })}
          action={
            contract.can.reevaluate && (
              <Popconfirm
                title={t('contracts.reevaluateConfirm', { current: contract.currentPolicyVersion })}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={() => reevaluate.mutate()}
              >
                <Button size="small" icon={<SyncOutlined />} loading={reevaluate.isPending}>
                  {t('contracts.reevaluate')}
                </Button>
              </Popconfirm>
            )
          }
        />
      )}
      <Tabs
        activeKey={activeTab}
        onChange={(key) => setSearchParams(key === 'overview' ? {} : { tab: key }, { replace: true })}
        items={[
          {
            key: 'overview',
            label: t('contracts.tabs.overview'),
            children: <ContractOverviewTab contract={contract} />,
          },
          {
            key: 'clauses',
            label: t('contracts.tabs.clauses'),
            // Remount when the stored marks change, so the drafts start from them.
            children: <ContractClausesTab key={clausesKey(contract)} contract={contract} />,
          },
          {
            key: 'risk',
            label: t('contracts.tabs.risk', { count: contract.riskAssessments.length }),
            children: <ContractRiskTab contract={contract} />,
          },
          {
            key: 'systems',
            label: t('contracts.tabs.systems', { count: contract.systems.length }),
            children: <ContractSystemsTab contract={contract} />,
          },
          {
            key: 'attachments',
            label: t('contracts.tabs.attachments'),
            children: <AttachmentsPanel ownerType="contract" ownerId={contract.id} canEdit={contract.can.edit} />,
          },
          {
            key: 'agreements',
            label: t('agreements.title'),
            children: <ContractAgreementsTab contractId={contract.id} />,
          },
        ]}
      />
      {isEditing && <ContractFormModal open contract={contract} onClose={() => setEditing(false)} />}
    </>
  );
}
