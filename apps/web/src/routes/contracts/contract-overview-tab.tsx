import { useState } from 'react';
import { App, Button, Card, Descriptions, Popconfirm, Space, Tag, Typography } from 'antd';
import { CheckOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ContractDetail } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { useErrorText } from '../../lib/errors.js';
import { currentLanguage } from '../../i18n.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { useStoreContract } from './use-contract.js';
import { DutyNoticeModal } from './duty-notice-modal.js';
import { useOrgName } from '../../lib/use-org-name.js';

const dash = (value: string | number | null | undefined) =>
  value === null || value === undefined || value === '' ? '—' : value;

/** 概要: parties, period, amount, item 七 values and the notice of duties (item 二). */
export function ContractOverviewTab({ contract }: { contract: ContractDetail }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const orgName = useOrgName();
  const locale = currentLanguage() === 'en' ? 'en-US' : 'zh-TW';
  const amount =
    contract.amount === null
      ? '—'
      : t('contracts.amountValue', { amount: new Intl.NumberFormat(locale).format(contract.amount) });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'number', label: t('contracts.fields.number'), children: contract.number },
          { key: 'type', label: t('contracts.fields.type'), children: t(`contracts.types.${contract.type}`) },
          { key: 'name', label: t('contracts.fields.name'), children: contract.name, span: 2 },
          { key: 'unit', label: t('contracts.fields.unit'), children: orgName(contract.unitName, contract.unitNameEn) },
          {
            key: 'division',
            label: t('contracts.fields.division'),
            children: orgName(contract.divisionName, contract.divisionNameEn),
          },
          { key: 'owner', label: t('contracts.fields.owner'), children: dash(contract.ownerName) },
          {
            key: 'subcontractors',
            label: t('contracts.fields.subcontractors'),
            children:
              contract.subcontractors.length === 0
                ? t('contracts.noSubcontractors')
                : contract.subcontractors.map((s) => <Tag key={s.id}>{orgName(s.name, s.nameEn)}</Tag>),
          },
          {
            key: 'period',
            label: t('contracts.fields.period'),
            children: `${formatDate(contract.periodStart, false)} – ${formatDate(contract.periodEnd, false)}`,
          },
          { key: 'amount', label: t('contracts.fields.amount'), children: amount },
          {
            key: 'sla',
            label: t('contracts.fields.sla'),
            children: contract.slaAvailability === null ? '—' : `${contract.slaAvailability}%`,
          },
          {
            key: 'rto',
            label: t('contracts.fields.rto'),
            children: contract.rtoHours === null ? '—' : t('contracts.hoursValue', { count: contract.rtoHours }),
          },
          {
            key: 'rpo',
            label: t('contracts.fields.rpo'),
            children: contract.rpoHours === null ? '—' : t('contracts.hoursValue', { count: contract.rpoHours }),
          },
          {
            key: 'policy',
            label: t('contracts.fields.policyVersion'),
            children: t('contracts.policyVersionValue', { version: contract.policyVersion }),
          },
          {
            key: 'notes',
            label: t('contracts.fields.notes'),
            span: 2,
            children: <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{dash(contract.notes)}</Typography.Text>,
          },
        ]}
      />
      <DutyNoticeCard contract={contract} />
    </Space>
  );
}

/** Item 二: when and how the unit was told of its duties, and its acknowledgement. */
function DutyNoticeCard({ contract }: { contract: ContractDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const store = useStoreContract();
  const [isSending, setSending] = useState(false);
  const notice = contract.dutyNotice;
  const acknowledge = useMutation({
    mutationFn: () =>
      unwrap(http.POST('/api/v1/contracts/{id}/duty-notice/acknowledge', { params: { path: { id: contract.id } } })),
    onSuccess: (saved) => {
      store(saved);
      void message.success(t('contracts.duty.acknowledged'));
    },
    onError: (error) => void message.error(errorText(error)),
  });
  const mayRecord = contract.can.notify;

  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t('contracts.duty.title')}
        </Typography.Title>
      }
      extra={
        mayRecord && (
          <Button icon={<SendOutlined />} onClick={() => setSending(true)}>
            {notice.sentAt ? t('contracts.duty.resend') : t('contracts.duty.record')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('contracts.duty.help')}</Typography.Paragraph>
      {notice.sentAt === null ? (
        <Tag color="orange">{t('contracts.duty.notSent')}</Tag>
      ) : (
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'sent',
              label: t('contracts.duty.sentAt'),
              children: `${formatDate(notice.sentAt)}（${notice.method ? t(`contracts.duty.methods.${notice.method}`) : '—'}）`,
            },
            {
              key: 'ack',
              label: t('contracts.duty.acknowledgement'),
              children: notice.acknowledgedAt ? (
                <Tag color="green">
                  {t('contracts.duty.acknowledgedBy', {
                    name: notice.acknowledgedByName ?? '—',
                    time: formatDate(notice.acknowledgedAt),
                  })}
                </Tag>
              ) : (
                <Space wrap>
                  <Tag color="orange">{t('contracts.duty.awaiting')}</Tag>
                  {contract.can.acknowledge && (
                    <Popconfirm
                      title={t('contracts.duty.acknowledgeConfirm')}
                      okText={t('common.confirm')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => acknowledge.mutate()}
                    >
                      <Button type="primary" icon={<CheckOutlined />} loading={acknowledge.isPending}>
                        {t('contracts.duty.acknowledge')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      {isSending && <DutyNoticeModal contract={contract} onClose={() => setSending(false)} />}
    </Card>
  );
}
