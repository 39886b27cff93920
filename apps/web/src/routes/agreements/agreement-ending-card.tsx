import { useState } from 'react';
import { App, Button, Card, Checkbox, Col, Form, Input, List, Row, Space, Tag, Typography } from 'antd';
import { CheckCircleFilled, ClockCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { Agreement } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { DateInput } from '../../components/date-input.js';
import { useFormErrorHandler } from '../../lib/errors.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { useRules } from '../../lib/rules.js';
import { useDocumentDate } from './agreement-parts.js';
import { useStoreAgreement } from './use-agreement.js';

type Values = {
  terminationNoticeOn?: Dayjs | null;
  returnConfirmedOn?: Dayjs | null;
  returnConfirmedBy?: string;
  returnNote?: string;
  emailRetentionAcknowledged?: boolean;
};
const FIELDS = [
  'terminationNoticeOn',
  'returnConfirmedOn',
  'returnConfirmedBy',
  'returnNote',
  'emailRetentionAcknowledged',
] as const;

const dateOrNull = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : null);

/**
 * 終止與結束後義務: the written termination notice and the date it takes effect (第四條 二),
 * and the checklist of 第三條 (return or destruction) and 第二條 二 (e-mail records kept).
 */
export function AgreementEndingCard({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const rules = useRules();
  const { message } = App.useApp();
  const formatDate = useFormatDate();
  const documentDate = useDocumentDate();
  const store = useStoreAgreement();
  const [form] = Form.useForm<Values>();
  const [isSaving, setSaving] = useState(false);
  const onError = useFormErrorHandler({
    form,
    names: FIELDS,
    codeFields: { AGREEMENT_DATES_INVALID: 'terminationNoticeOn' },
    show: (text) => void message.error(text),
  });
  const noticeDays =
    agreement.terminationNoticeOn && agreement.terminationEffectiveOn
      ? dayjs(agreement.terminationEffectiveOn).diff(dayjs(agreement.terminationNoticeOn), 'day')
      : null;

  const onFinish = async (values: Values) => {
    setSaving(true);
    try {
      const saved = await unwrap(
        http.PATCH('/api/v1/agreements/{id}', {
          params: { path: { id: agreement.id } },
          body: {
            terminationNoticeOn: dateOrNull(values.terminationNoticeOn),
            returnConfirmedOn: dateOrNull(values.returnConfirmedOn),
            returnConfirmedBy: values.returnConfirmedBy?.trim() ? values.returnConfirmedBy.trim() : null,
            returnNote: values.returnNote?.trim() ? values.returnNote.trim() : null,
            emailRetentionAcknowledged: values.emailRetentionAcknowledged ?? false,
          },
        }),
      );
      store(saved);
      void message.success(t('agreements.ending.saved'));
    } catch (error) {
      onError(error);
    } finally {
      setSaving(false);
    }
  };

  const checkItem = (options: { title: string; isDone: boolean; detail: string | null }) => (
    <List.Item>
      <Space align="start">
        {options.isDone ? (
          <CheckCircleFilled style={{ color: '#389e0d' }} aria-hidden />
        ) : (
          <ClockCircleOutlined aria-hidden />
        )}
        <Space orientation="vertical" size={0}>
          <Typography.Text>{options.title}</Typography.Text>
          <span>
            <Tag color={options.isDone ? 'green' : 'default'}>
              {options.isDone ? t('agreements.ending.done') : t('agreements.ending.pending')}
            </Tag>
            {options.detail && <Typography.Text type="secondary">{options.detail}</Typography.Text>}
          </span>
        </Space>
      </Space>
    </List.Item>
  );

  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t('agreements.ending.title')}
        </Typography.Title>
      }
    >
      <Typography.Paragraph>
        {`${t('agreements.ending.terminationEffectiveOn')}：`}
        <Typography.Text strong data-testid="termination-effective">
          {agreement.terminationEffectiveOn ? documentDate(agreement.terminationEffectiveOn) : '—'}
        </Typography.Text>
        {noticeDays !== null && t('agreements.ending.effectiveDays', { count: noticeDays })}
      </Typography.Paragraph>
      <Typography.Title level={3} style={{ fontSize: 14 }}>
        {t('agreements.ending.checklist')}
      </Typography.Title>
      <List
        size="small"
        style={{ marginBottom: 16 }}
        dataSource={[
          {
            key: 'return',
            title: t('agreements.ending.returnTitle'),
            isDone: agreement.returnConfirmedOn !== null,
            detail: agreement.returnConfirmedOn
              ? `${documentDate(agreement.returnConfirmedOn)} ${agreement.returnConfirmedBy ?? ''}`.trim()
              : null,
          },
          {
            key: 'email',
            title: t('agreements.ending.emailTitle', { months: agreement.emailRetentionMonths }),
            isDone: agreement.emailRetentionAcknowledgedAt !== null,
            detail: agreement.emailRetentionAcknowledgedAt
              ? t('agreements.ending.emailAcknowledgedAt', { time: formatDate(agreement.emailRetentionAcknowledgedAt) })
              : null,
          },
        ]}
        rowKey="key"
        renderItem={checkItem}
      />
      {agreement.can.edit && (
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark="optional"
          onFinish={(values) => void onFinish(values)}
          initialValues={{
            terminationNoticeOn: agreement.terminationNoticeOn ? dayjs(agreement.terminationNoticeOn) : null,
            returnConfirmedOn: agreement.returnConfirmedOn ? dayjs(agreement.returnConfirmedOn) : null,
            returnConfirmedBy: agreement.returnConfirmedBy ?? undefined,
            returnNote: agreement.returnNote ?? undefined,
            emailRetentionAcknowledged: agreement.emailRetentionAcknowledgedAt !== null,
          }}
        >
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                name="terminationNoticeOn"
                label={t('agreements.ending.terminationNoticeOn')}
                extra={t('agreements.ending.terminationHelp')}
              >
                <DateInput style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="returnConfirmedOn" label={t('agreements.ending.returnConfirmedOn')}>
                <DateInput style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="returnConfirmedBy"
                label={t('agreements.ending.returnConfirmedBy')}
                rules={[rules.maxLength(100)]}
              >
                <Input />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="returnNote" label={t('agreements.ending.returnNote')} rules={[rules.maxLength(2000)]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="emailRetentionAcknowledged" valuePropName="checked">
            <Checkbox>{t('agreements.ending.emailAcknowledged')}</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={isSaving}>
            {t('common.save')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
