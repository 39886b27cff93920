import { Alert, App, Button, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { http, unwrap } from '../../api/client.js';
import type { SessionSummary } from '../../api/types.js';
import { useErrorText } from '../../lib/errors.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { queryKeys } from '../../api/query-keys.js';

/** Short browser description from a user-agent string. */
function describeAgent(userAgent: string | null): string {
  if (!userAgent) {
    return '—';
  }
  const browser = /(Edg|Firefox|Chrome|Safari)\/[\d.]+/.exec(userAgent)?.[0] ?? '';
  const os = /(Windows NT [\d.]+|Mac OS X [\d_]+|Android [\d.]+|iPhone OS [\d_]+|Linux)/.exec(userAgent)?.[0] ?? '';
  const short = [browser, os].filter(Boolean).join(' · ');
  return short || userAgent.slice(0, 60);
}

/** The user's sessions, with revoke for one or all others. */
export function SessionsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const query = useQuery({
    queryKey: queryKeys.account.sessions,
    queryFn: () => unwrap(http.GET('/api/v1/account/sessions')),
  });

  const run = async (action: () => Promise<unknown>, success: string) => {
    try {
      await action();
      void message.success(success);
      await queryClient.invalidateQueries({ queryKey: queryKeys.account.sessions });
    } catch (error) {
      void message.error(errorText(error));
    }
  };

  const columns: TableColumnsType<SessionSummary> = [
    {
      title: t('sessions.device'),
      key: 'device',
      render: (_, s) => (
        <>
          <Typography.Text title={s.userAgent ?? undefined}>{describeAgent(s.userAgent)}</Typography.Text>{' '}
          {s.current && <Tag color="green">{t('sessions.current')}</Tag>}
        </>
      ),
    },
    { title: t('sessions.method'), dataIndex: 'method', width: 120, render: (m: string) => t(`sessions.methods.${m}`) },
    { title: t('sessions.ip'), dataIndex: 'ip', width: 140, render: (v: string | null) => v ?? '—' },
    { title: t('sessions.signedInAt'), dataIndex: 'createdAt', width: 210, render: (v: string) => formatDate(v) },
    { title: t('sessions.lastSeen'), dataIndex: 'lastSeenAt', width: 210, render: (v: string) => formatDate(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, s) =>
        s.current ? null : (
          <Popconfirm
            title={t('sessions.revokeConfirm')}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              run(
                () => unwrap(http.DELETE('/api/v1/account/sessions/{id}', { params: { path: { id: s.id } } })),
                t('sessions.revoked'),
              )
            }
          >
            <Button size="small" danger>
              {t('sessions.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  const others = (query.data?.items ?? []).filter((s) => !s.current).length;
  return (
    <>
      <div className="page-toolbar">
        <Typography.Text type="secondary">{t('sessions.help')}</Typography.Text>
        <span className="spacer" />
        <Popconfirm
          title={t('sessions.revokeOthersConfirm')}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          onConfirm={() =>
            run(() => unwrap(http.POST('/api/v1/account/sessions/revoke-others')), t('sessions.revokedOthers'))
          }
          disabled={others === 0}
        >
          <Button disabled={others === 0}>{t('sessions.revokeOthers')}</Button>
        </Popconfirm>
      </div>
      {query.isError && <Alert type="error" showIcon title={errorText(query.error)} style={{ marginBottom: 16 }} />}
      <Table<SessionSummary>
        rowKey="id"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        pagination={false}
        scroll={{ x: 900 }}
      />
    </>
  );
}
