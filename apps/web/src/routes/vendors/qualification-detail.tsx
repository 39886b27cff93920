import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Popconfirm, Skeleton, Space, Tabs, Tag } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

import { http, unwrap } from '../../api/client.js';
import { AttachmentsPanel } from '../../components/attachments-panel.js';
import { PageTitle } from '../../components/page-title.js';
import { useErrorText } from '../../lib/errors.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { QualificationFormModal } from './qualification-form-modal.js';
import { QualificationStatusTag, useDaysText } from './qualification-status.js';
import { useDeleteQualification } from './qualifications-list.js';
import { queryKeys } from '../../api/query-keys.js';
import { useOrgName } from '../../lib/use-org-name.js';

/** /vendors/:id: one qualification with its certificate scans. */
export function QualificationDetail() {
  const { t } = useTranslation();
  const orgName = useOrgName();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const daysText = useDaysText();
  const remove = useDeleteQualification();
  const [isEditing, setEditing] = useState(false);
  const query = useQuery({
    queryKey: queryKeys.vendors.detail(id),
    queryFn: () => unwrap(http.GET('/api/v1/vendor-qualifications/{id}', { params: { path: { id } } })),
  });
  const q = query.data;

  return (
    <>
      <Link to="/vendors">
        <ArrowLeftOutlined /> {t('vendors.back')}
      </Link>
      <PageTitle
        title={q ? q.name : t('vendors.title')}
        extra={
          q &&
          (q.can.edit || q.can.delete) && (
            <Space>
              {q.can.edit && (
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                  {t('common.edit')}
                </Button>
              )}
              {q.can.delete && (
                <Popconfirm
                  title={t('vendors.deleteConfirm')}
                  okText={t('vendors.delete')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove(q, () => void navigate('/vendors'))}
                >
                  <Button danger icon={<DeleteOutlined />}>
                    {t('vendors.delete')}
                  </Button>
                </Popconfirm>
              )}
            </Space>
          )
        }
      />
      {query.isPending && <Skeleton active />}
      {query.isError && <Alert type="error" showIcon title={errorText(query.error)} />}
      {q && (
        <Card>
          <Tabs
            items={[
              {
                key: 'details',
                label: t('vendors.tabs.details'),
                children: (
                  <Descriptions
                    bordered
                    size="small"
                    column={{ xs: 1, md: 2 }}
                    items={[
                      {
                        key: 'org',
                        label: t('vendors.organisation'),
                        children: q.parentOrgName
                          ? `${orgName(q.orgName, q.orgNameEn)}（${t('vendors.forUnit', { name: orgName(q.parentOrgName, q.parentOrgNameEn) })}）`
                          : orgName(q.orgName, q.orgNameEn),
                      },
                      { key: 'kind', label: t('vendors.kind'), children: <Tag>{t(`vendors.kinds.${q.kind}`)}</Tag> },
                      {
                        key: 'status',
                        label: t('vendors.status'),
                        children: (
                          <>
                            <QualificationStatusTag status={q.status} /> {daysText(q.daysToExpiry)}
                          </>
                        ),
                      },
                      { key: 'number', label: t('vendors.certificateNumber'), children: q.certificateNumber ?? '—' },
                      { key: 'issuer', label: t('vendors.issuer'), children: q.issuer ?? '—' },
                      { key: 'issued', label: t('vendors.issuedOn'), children: formatDate(q.issuedOn, false) },
                      { key: 'expires', label: t('vendors.expiresOn'), children: formatDate(q.expiresOn, false) },
                      { key: 'scope', label: t('vendors.scope'), children: q.scope ?? '—', span: 'filled' },
                      { key: 'notes', label: t('vendors.notes'), children: q.notes ?? '—', span: 'filled' },
                      {
                        key: 'created',
                        label: t('vendors.createdBy'),
                        children: `${q.createdByName ?? '—'} · ${formatDate(q.createdAt)}`,
                      },
                      { key: 'updated', label: t('vendors.updatedAt'), children: formatDate(q.updatedAt) },
                    ]}
                  />
                ),
              },
              {
                key: 'attachments',
                label: t('vendors.tabs.attachments'),
                children: <AttachmentsPanel ownerType="vendor_qualification" ownerId={q.id} canEdit={q.can.edit} />,
              },
            ]}
          />
        </Card>
      )}
      {isEditing && q && <QualificationFormModal qualification={q} onClose={() => setEditing(false)} />}
    </>
  );
}
