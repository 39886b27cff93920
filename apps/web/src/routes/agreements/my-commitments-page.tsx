import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Skeleton, Space, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { MyCommitment } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { queryKeys } from '../../api/query-keys.js';
import { useCurrentUser } from '../../auth/session-context.js';
import { PageTitle } from '../../components/page-title.js';
import { useErrorText, useFormErrorHandler } from '../../lib/errors.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { CommitmentStateTag, useDocumentDate } from './agreement-parts.js';
import { acceptedOf, CommitmentChecks } from './commitment-checks.js';

/**
 * 我的保密承諾書: the signed-in user's commitments. One not yet in force can be confirmed
 * here: the six commitments, word for word, each ticked; the server records the acceptance,
 * the time and the text version, and item 六 then lets the user open the contract's systems.
 */
export function MyCommitmentsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const mine = useQuery({
    queryKey: queryKeys.agreements.mine,
    queryFn: () => unwrap(http.GET('/api/v1/agreements/my-commitments')),
  });
  const text = useQuery({
    queryKey: queryKeys.agreements.commitmentText,
    queryFn: () => unwrap(http.GET('/api/v1/agreements/commitment-text')),
    staleTime: 60_000,
  });

  let body;
  if (mine.isPending || text.isPending) {
    body = <Skeleton active />;
  } else if (mine.isError || text.isError) {
    body = <Alert type="error" showIcon title={errorText(mine.error ?? text.error)} />;
  } else if (mine.data.length === 0) {
    body = <Empty description={t('agreements.my.empty')} />;
  } else {
    body = (
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {mine.data.map((commitment) => (
          <CommitmentCard
            key={commitment.id}
            commitment={commitment}
            items={text.data.items}
            version={text.data.version}
          />
        ))}
      </Space>
    );
  }
  return (
    <>
      <PageTitle title={t('agreements.my.title')} />
      <Typography.Paragraph type="secondary">{t('agreements.my.help')}</Typography.Paragraph>
      {body}
    </>
  );
}

type Values = { accepted?: boolean[] };

function CommitmentCard(props: { commitment: MyCommitment; items: string[]; version: string }) {
  const { commitment, items, version } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const formatDate = useFormatDate();
  const documentDate = useDocumentDate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [isSubmitting, setSubmitting] = useState(false);
  const onError = useFormErrorHandler({ form, names: ['accepted'], show: (text) => void message.error(text) });
  const headingId = `commitment-${commitment.id}`;

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    try {
      await unwrap(
        http.POST('/api/v1/agreement-commitments/{id}/confirm', {
          params: { path: { id: commitment.id } },
          body: { accepted: acceptedOf(values), textVersion: version },
        }),
      );
      void message.success(t('agreements.my.confirmed'));
      // The commitment opens the contract's systems: everything about them may change.
      await queryClient.invalidateQueries();
    } catch (error) {
      onError(error);
    } finally {
      setSubmitting(false);
    }
  };

  const isValid = commitment.state === 'valid';
  return (
    <section aria-labelledby={headingId}>
      <Card
        title={
          <Typography.Title level={2} id={headingId} style={{ fontSize: 16, margin: 0 }}>
            {commitment.contractName}
          </Typography.Title>
        }
        extra={<CommitmentStateTag state={commitment.state} />}
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('agreements.commitments.classification')}</Typography.Text>
          {commitment.confirmedAt && (
            <Typography.Text>
              {t('agreements.my.confirmedAt', {
                time: formatDate(commitment.confirmedAt),
                version: commitment.textVersion ?? '—',
              })}
            </Typography.Text>
          )}
          {!commitment.confirmedAt && commitment.signedOn && (
            <Typography.Text>
              {t('agreements.my.signedOnPaper', { date: documentDate(commitment.signedOn) })}
            </Typography.Text>
          )}
          {commitment.expiresOn && (
            <Typography.Text>{`${t('agreements.commitments.expiresOn')}：${documentDate(commitment.expiresOn)}`}</Typography.Text>
          )}
          {isValid && (
            <Link
              to={`/contracts/${commitment.contractId}`}
            >{`${t('agreements.fields.contract')}：${commitment.contractName}`}</Link>
          )}
          {!isValid && <Alert type="warning" showIcon title={t('agreements.my.blocked')} />}
          {!isValid && !commitment.can.confirm && (
            <Typography.Text type="secondary">{t('agreements.my.cannotConfirm')}</Typography.Text>
          )}
          {!isValid && commitment.can.confirm && (
            <Form<Values> form={form} layout="vertical" onFinish={(values) => void onFinish(values)}>
              <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
                <legend style={{ fontSize: 15, fontWeight: 600, marginBottom: 8 }}>
                  {t('agreements.my.confirmTitle')}
                </legend>
                <Typography.Paragraph>
                  {t('agreements.my.intro', { name: user.name, contract: commitment.contractName })}
                </Typography.Paragraph>
                <CommitmentChecks items={items} />
              </fieldset>
              <Button type="primary" htmlType="submit" icon={<CheckOutlined />} loading={isSubmitting}>
                {t('agreements.my.submit')}
              </Button>
            </Form>
          )}
        </Space>
      </Card>
    </section>
  );
}
