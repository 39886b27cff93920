import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Space, Typography } from 'antd';
import { DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Agreement } from '@custodian/shared';
import { apiUrl, http, unwrap } from '../../api/client.js';
import { currentLanguage } from '../../i18n.js';
import { useErrorText } from '../../lib/errors.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { AgreementEndingCard } from './agreement-ending-card.js';
import { dash, useDocumentDate } from './agreement-parts.js';
import { AgreementSignModal } from './agreement-sign-modal.js';
import { downloadAgreementDocument, useStoreAgreement, type DocumentFormat } from './use-agreement.js';

const heading = (text: string) => (
  <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
    {text}
  </Typography.Title>
);

/** 合約內容: parties, 事宜, term and its end, the surviving duty, penalty, court; documents; signature; the end. */
export function AgreementOverview({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const documentDate = useDocumentDate();
  const locale = currentLanguage() === 'en' ? 'en-US' : 'zh-TW';
  const endedOn = agreement.terminationEffectiveOn ?? (agreement.status === 'expired' ? agreement.endsOn : null);
  const hasEnded = agreement.status === 'terminated' || agreement.status === 'expired';
  const party = (name: string, representative: string | null, agent: string | null, address: string | null) => (
    <Space orientation="vertical" size={0}>
      <Typography.Text strong>{name}</Typography.Text>
      <span>{`${t('agreements.fields.representative')}：${dash(representative)}`}</span>
      <span>{`${t('agreements.fields.agent')}：${dash(agent)}`}</span>
      <span>{`${t('agreements.fields.address')}：${dash(address)}`}</span>
    </Space>
  );

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {/* 第四條 三: always shown, and as a warning once the agreement has ended. */}
      <Alert
        type={hasEnded ? 'warning' : 'info'}
        showIcon
        data-testid="confidentiality-survives"
        title={
          hasEnded && endedOn
            ? t('agreements.survivesEnded', { date: documentDate(endedOn) })
            : t('agreements.survives')
        }
      />
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: 'contract',
            label: t('agreements.fields.contract'),
            span: 2,
            children: `${agreement.contractNumber} ${agreement.contractName}`,
          },
          {
            key: 'partyA',
            label: t('agreements.fields.partyA'),
            children: party(
              agreement.partyAName,
              agreement.partyARepresentative,
              agreement.partyAAgent,
              agreement.partyAAddress,
            ),
          },
          {
            key: 'partyB',
            label: t('agreements.fields.partyB'),
            children: party(
              agreement.partyBName,
              agreement.partyBRepresentative,
              agreement.partyBAgent,
              agreement.partyBAddress,
            ),
          },
          {
            key: 'purpose',
            label: t('agreements.fields.purpose'),
            span: 2,
            children: <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{agreement.purpose}</Typography.Text>,
          },
          { key: 'signedOn', label: t('agreements.fields.signedOn'), children: documentDate(agreement.signedOn) },
          {
            key: 'term',
            label: t('agreements.fields.term'),
            children: agreement.endsOn
              ? t('agreements.fields.termValueEnds', {
                  count: agreement.termYears,
                  date: documentDate(agreement.endsOn),
                })
              : t('agreements.fields.termValue', { count: agreement.termYears }),
          },
          {
            key: 'penalty',
            label: t('agreements.fields.penalty'),
            children:
              agreement.penaltyTenThousandNtd === null
                ? '—'
                : t('agreements.fields.penaltyValue', {
                    amount: new Intl.NumberFormat(locale).format(agreement.penaltyTenThousandNtd),
                  }),
          },
          { key: 'court', label: t('agreements.fields.court'), children: agreement.court },
        ]}
      />
      <DocumentsCard agreement={agreement} />
      <SignatureCard agreement={agreement} />
      <AgreementEndingCard agreement={agreement} />
    </Space>
  );
}

/** 文件產製: 保密合約書 (with 附件一) and 附件一 alone, as DOCX and PDF. */
function DocumentsCard({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const store = useStoreAgreement();
  const [pending, setPending] = useState<string | null>(null);
  const download = async (form: 'agreement' | 'staff_list', format: DocumentFormat) => {
    const key = `${form}-${format}`;
    setPending(key);
    try {
      await downloadAgreementDocument({ agreementId: agreement.id, form, format });
      // The first generation moves a draft on (generated): show the new state.
      store(await unwrap(http.GET('/api/v1/agreements/{id}', { params: { path: { id: agreement.id } } })));
    } catch (error) {
      void message.error(t('agreements.documents.failed', { error: errorText(error) }));
    } finally {
      setPending(null);
    }
  };
  const buttons: { form: 'agreement' | 'staff_list'; format: DocumentFormat; label: string }[] = [
    { form: 'agreement', format: 'docx', label: t('agreements.documents.agreementDocx') },
    { form: 'agreement', format: 'pdf', label: t('agreements.documents.agreementPdf') },
    { form: 'staff_list', format: 'docx', label: t('agreements.documents.staffListDocx') },
    { form: 'staff_list', format: 'pdf', label: t('agreements.documents.staffListPdf') },
  ];
  return (
    <Card title={heading(t('agreements.documents.title'))}>
      <Typography.Paragraph type="secondary">{t('agreements.documents.help')}</Typography.Paragraph>
      <Space wrap>
        {buttons.map((b) => (
          <Button
            key={`${b.form}-${b.format}`}
            icon={<DownloadOutlined />}
            loading={pending === `${b.form}-${b.format}`}
            onClick={() => void download(b.form, b.format)}
          >
            {b.label}
          </Button>
        ))}
      </Space>
    </Card>
  );
}

/** 簽署: the two signed copies, who recorded them and when; the button to record them. */
function SignatureCard({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const [isSigning, setSigning] = useState(false);
  const copies = [
    { label: t('agreements.sign.partyACopy'), id: agreement.partyACopyAttachmentId, sha: agreement.partyACopySha256 },
    { label: t('agreements.sign.partyBCopy'), id: agreement.partyBCopyAttachmentId, sha: agreement.partyBCopySha256 },
  ];
  return (
    <Card
      title={heading(t('agreements.sign.title'))}
      extra={
        agreement.can.sign && (
          <Button icon={<EditOutlined />} onClick={() => setSigning(true)}>
            {t('agreements.sign.record')}
          </Button>
        )
      }
    >
      {agreement.signedAt === null ? (
        <Typography.Text type="secondary">{t('agreements.sign.notSigned')}</Typography.Text>
      ) : (
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'by',
              label: t('agreements.fields.signedBy'),
              children: t('agreements.fields.signedByValue', {
                name: agreement.signedByName ?? '—',
                time: formatDate(agreement.signedAt),
              }),
            },
            ...copies.map((copy) => ({
              key: copy.label,
              label: copy.label,
              children: copy.id ? (
                <Space orientation="vertical" size={0}>
                  <Typography.Link href={apiUrl(`/attachments/${copy.id}/download`)}>
                    <DownloadOutlined aria-hidden /> {t('agreements.sign.copyLink', { label: copy.label })}
                  </Typography.Link>
                  {copy.sha && (
                    <Typography.Text type="secondary" code>
                      {t('agreements.sign.sha', { sha: `${copy.sha.slice(0, 16)}…` })}
                    </Typography.Text>
                  )}
                </Space>
              ) : (
                '—'
              ),
            })),
          ]}
        />
      )}
      {isSigning && <AgreementSignModal agreement={agreement} onClose={() => setSigning(false)} />}
    </Card>
  );
}
