import { useState } from 'react';
import { App, Breadcrumb, Button, Popconfirm, Space, Tabs } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { http, unwrap } from '../../api/client.js';
import { queryKeys } from '../../api/query-keys.js';
import { AttachmentsPanel } from '../../components/attachments-panel.js';
import { PageTitle } from '../../components/page-title.js';
import { RecordFallback } from '../../components/record-fallback.js';
import { useErrorText } from '../../lib/errors.js';
import { AgreementCommitmentsTab } from './agreement-commitments-tab.js';
import { AgreementFormModal } from './agreement-form-modal.js';
import { AgreementOverview } from './agreement-overview.js';
import { AgreementStatusTag } from './agreement-parts.js';
import { AgreementStaffTab } from './agreement-staff-tab.js';
import { useAgreementQuery, useRefreshAgreements } from './use-agreement.js';

const TABS = ['overview', 'staff', 'commitments', 'attachments'] as const;
type TabKey = (typeof TABS)[number];

/** /agreements/:id: the agreement, its documents and signature; 附件一 staff; 附件二 commitments; files. */
export function AgreementDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const refresh = useRefreshAgreements();
  const [searchParams, setSearchParams] = useSearchParams();
  const [isEditing, setEditing] = useState(false);
  const query = useAgreementQuery(id);
  const staff = useQuery({
    queryKey: queryKeys.agreements.staff(id),
    queryFn: () => unwrap(http.GET('/api/v1/agreements/{id}/staff', { params: { path: { id } } })),
    enabled: query.isSuccess,
  });
  const commitments = useQuery({
    queryKey: queryKeys.agreements.commitments(id),
    queryFn: () => unwrap(http.GET('/api/v1/agreements/{id}/commitments', { params: { path: { id } } })),
    enabled: query.isSuccess,
  });
  const remove = useMutation({
    mutationFn: () => unwrap(http.DELETE('/api/v1/agreements/{id}', { params: { path: { id } } })),
    onSuccess: async () => {
      void message.success(t('agreements.deleted'));
      await navigate('/agreements');
      await refresh();
    },
    onError: (error) => void message.error(errorText(error)),
  });
  const tabParam = searchParams.get('tab');
  const activeTab: TabKey = TABS.includes(tabParam as TabKey) ? (tabParam as TabKey) : 'overview';

  if (!query.isSuccess) {
    return (
      <RecordFallback
        query={query}
        notFound={t('agreements.notFound')}
        back={<Link to="/agreements">{t('agreements.backToList')}</Link>}
      />
    );
  }
  const agreement = query.data;

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[{ title: <Link to="/agreements">{t('agreements.title')}</Link> }, { title: agreement.contractNumber }]}
      />
      <PageTitle
        title={`${t('agreements.title')}：${agreement.contractNumber} ${agreement.contractName}`}
        extra={
          <Space wrap>
            <AgreementStatusTag status={agreement.status} />
            {agreement.can.edit && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            )}
            {agreement.can.delete && (
              <Popconfirm
                title={t('agreements.deleteConfirm')}
                okText={t('common.confirm')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() => remove.mutate()}
              >
                <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>
                  {t('agreements.delete')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        }
      />
      <Tabs
        activeKey={activeTab}
        onChange={(key) => setSearchParams(key === 'overview' ? {} : { tab: key }, { replace: true })}
        items={[
          {
            key: 'overview',
            label: t('agreements.tabs.overview'),
            children: <AgreementOverview agreement={agreement} />,
          },
          {
            key: 'staff',
            label: t('agreements.tabs.staff', { count: agreement.staffCount }),
            children: <AgreementStaffTab agreement={agreement} query={staff} />,
          },
          {
            key: 'commitments',
            label: t('agreements.tabs.commitments', { count: agreement.commitmentCount }),
            children: <AgreementCommitmentsTab agreement={agreement} query={commitments} staff={staff.data ?? []} />,
          },
          {
            key: 'attachments',
            label: t('agreements.tabs.attachments'),
            children: <AttachmentsPanel ownerType="agreement" ownerId={agreement.id} canEdit={agreement.can.edit} />,
          },
        ]}
      />
      {isEditing && <AgreementFormModal open agreement={agreement} onClose={() => setEditing(false)} />}
    </>
  );
}
