import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MAX_TOKEN_DAYS, TOKEN_SCOPES } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import type { ApiToken } from '../../api/types.js';
import { CopyButton } from '../../components/copy-button.js';
import { FormModal } from '../../components/form-modal.js';
import { useErrorText, useFormErrorHandler } from '../../lib/errors.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { queryKeys } from '../../api/query-keys.js';
import { useRules } from '../../lib/rules.js';

type Values = { name: string; scopes: (typeof TOKEN_SCOPES)[number][]; expiresInDays: number };

/** Personal API tokens: create (secret shown once) and revoke. */
export function TokensCard() {
  const { t } = useTranslation();
  const rules = useRules();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const [form] = Form.useForm<Values>();
  const [isCreating, setCreating] = useState(false);
  const [isSubmitting, setSubmitting] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const onError = useFormErrorHandler({
    form,
    names: ['name', 'scopes', 'expiresInDays'],
    show: (text) => void message.error(text),
  });
  const query = useQuery({
    queryKey: queryKeys.account.tokens,
    queryFn: () => unwrap(http.GET('/api/v1/account/tokens')),
  });

  const onCreate = async (values: Values) => {
    setSubmitting(true);
    try {
      const created = await unwrap(http.POST('/api/v1/account/tokens', { body: values }));
      setCreating(false);
      setSecret(created.secret);
      await queryClient.invalidateQueries({ queryKey: queryKeys.account.tokens });
    } catch (error) {
      onError(error);
    } finally {
      setSubmitting(false);
    }
  };
  const onRevoke = async (token: ApiToken) => {
    try {
      await unwrap(http.DELETE('/api/v1/account/tokens/{id}', { params: { path: { id: token.id } } }));
      void message.success(t('tokens.revoked'));
      await queryClient.invalidateQueries({ queryKey: queryKeys.account.tokens });
    } catch (error) {
      void message.error(errorText(error));
    }
  };

  const columns: TableColumnsType<ApiToken> = [
    { title: t('tokens.name'), dataIndex: 'name' },
    {
      title: t('tokens.prefix'),
      dataIndex: 'prefix',
      render: (v: string) => <Typography.Text code>{v}…</Typography.Text>,
    },
    {
      title: t('tokens.scopes'),
      dataIndex: 'scopes',
      render: (scopes: string[]) => scopes.map((s) => <Tag key={s}>{t(`tokens.scope.${s}`)}</Tag>),
    },
    { title: t('tokens.expiresAt'), dataIndex: 'expiresAt', render: (v: string) => formatDate(v, false) },
    { title: t('tokens.lastUsed'), dataIndex: 'lastUsedAt', render: (v: string | null) => formatDate(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, token) => (
        <Popconfirm
          title={t('tokens.revokeConfirm', { name: token.name })}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          onConfirm={() => onRevoke(token)}
        >
          <Button size="small" danger aria-label={t('tokens.revokeNamed', { name: token.name })}>
            {t('tokens.revoke')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <>
      <div className="page-toolbar">
        <Typography.Text type="secondary">{t('tokens.help')}</Typography.Text>
        <span className="spacer" />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('tokens.create')}
        </Button>
      </div>
      {query.isError && <Alert type="error" showIcon title={errorText(query.error)} style={{ marginBottom: 16 }} />}
      <Table<ApiToken>
        rowKey="id"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        pagination={false}
        scroll={{ x: 800 }}
      />
      {isCreating && (
        <FormModal<Values>
          open
          title={t('tokens.create')}
          form={form}
          onFinish={(values) => void onCreate(values)}
          onCancel={() => setCreating(false)}
          isSubmitting={isSubmitting}
          okText={t('common.create')}
          initialValues={{ scopes: ['read'], expiresInDays: 90 }}
        >
          <Form.Item name="name" label={t('tokens.name')} rules={rules.requiredText(100)}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="scopes"
            label={t('tokens.scopes')}
            rules={[{ required: true, type: 'array', min: 1, message: t('tokens.scopesRequired') }]}
          >
            <Checkbox.Group options={TOKEN_SCOPES.map((s) => ({ value: s, label: t(`tokens.scope.${s}`) }))} />
          </Form.Item>
          <Form.Item
            name="expiresInDays"
            label={t('tokens.expiresInDays')}
            rules={[
              {
                required: true,
                type: 'integer',
                min: 1,
                max: MAX_TOKEN_DAYS,
                message: t('tokens.daysRange', { max: MAX_TOKEN_DAYS }),
              },
            ]}
          >
            <InputNumber style={{ width: 160 }} />
          </Form.Item>
        </FormModal>
      )}
      {secret && (
        <Modal
          open
          title={t('tokens.createdTitle')}
          onCancel={() => setSecret(null)}
          footer={
            <Button type="primary" onClick={() => setSecret(null)}>
              {t('common.done')}
            </Button>
          }
        >
          <Alert type="warning" showIcon title={t('tokens.secretOnce')} style={{ marginBottom: 12 }} />
          <Space.Compact style={{ width: '100%' }}>
            <Input readOnly value={secret} aria-label={t('tokens.secret')} className="secret-box" />
            <CopyButton text={secret} />
          </Space.Compact>
        </Modal>
      )}
    </>
  );
}
