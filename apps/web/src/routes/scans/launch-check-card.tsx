import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Skeleton, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { can, type LaunchBlocker, type SystemDetail } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { useCurrentUser } from '../../auth/session-context.js';
import { FormModal } from '../../components/form-modal.js';
import { useRules } from '../../lib/rules.js';
import { useStoreSystem } from '../systems/use-system.js';
import { queryKeys } from '../../api/query-keys.js';
import { useErrorText } from '../../lib/errors.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { SeverityTag } from './scan-parts.js';

/** One reason the system may not go online, in words, with the findings that block. */
function Blocker({ blocker }: { blocker: LaunchBlocker }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  if (blocker.kind === 'no_scan') {
    return <li>{t('findings.launch.noScan')}</li>;
  }
  if (blocker.kind === 'scan_outdated') {
    return (
      <li>
        {t('findings.launch.scanOutdated', {
          scan: formatDate(blocker.lastScanAt),
          change: formatDate(blocker.lastChangeAt),
        })}
      </li>
    );
  }
  return (
    <li>
      {t('findings.launch.openFindings', { count: blocker.count })}
      <ul>
        {blocker.findings.map((f) => (
          <li key={f.id}>
            <SeverityTag severity={f.severity} /> <Link to={`/scans/findings/${f.id}`}>{f.title}</Link>
          </li>
        ))}
      </ul>
    </li>
  );
}

/** Puts a system online, with the Ministry's override reason when the gate blocks it. */
function useGoOnline(system: SystemDetail) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const storeSystem = useStoreSystem();
  const errorText = useErrorText();
  const [refusal, setRefusal] = useState<string | null>(null);
  const goOnline = async (override?: { reason: string }) => {
    setRefusal(null);
    try {
      const saved = await unwrap(
        http.PATCH('/api/v1/systems/{id}', {
          params: { path: { id: system.id } },
          body: { status: 'online', ...(override ? { launchOverride: override } : {}) },
        }),
      );
      storeSystem(saved);
      void message.success(t('findings.launch.wentOnline'));
      return true;
    } catch (error) {
      // The server judged it: show its refusal and what blocks now.
      setRefusal(errorText(error));
      void queryClient.invalidateQueries({ queryKey: queryKeys.scans.launchCheck(system.id) });
      return false;
    }
  };
  return { goOnline, refusal };
}

/** The Ministry's reason for letting a blocked system go online (audited). */
function OverrideModal(props: { onSubmit: (reason: string) => Promise<boolean>; onClose: () => void }) {
  const { t } = useTranslation();
  const rules = useRules();
  const [form] = Form.useForm<{ reason: string }>();
  const [isSubmitting, setSubmitting] = useState(false);
  return (
    <FormModal<{ reason: string }>
      open
      title={t('findings.launch.overrideTitle')}
      form={form}
      isSubmitting={isSubmitting}
      okText={t('findings.launch.override')}
      onCancel={props.onClose}
      onFinish={(values) => {
        setSubmitting(true);
        void props.onSubmit(values.reason.trim()).then((done) => {
          setSubmitting(false);
          if (done) {
            props.onClose();
          }
        });
      }}
    >
      <Typography.Paragraph type="secondary">{t('findings.launch.overrideHint')}</Typography.Paragraph>
      <Form.Item name="reason" label={t('findings.actions.reason')} rules={rules.requiredText(2000)}>
        <Input.TextArea rows={4} />
      </Form.Item>
    </FormModal>
  );
}

/** The pre-launch gate (items 四十二, 四十三 (一) 1): whether the system may go online, and what blocks it. */
export function LaunchCheckCard({ system }: { system: SystemDetail }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const errorText = useErrorText();
  const systemId = system.id;
  const { goOnline, refusal } = useGoOnline(system);
  const [isOverriding, setOverriding] = useState(false);
  const [isSubmitting, setSubmitting] = useState(false);
  const mayChange = system.can.edit && system.status !== 'online' && system.status !== 'decommissioned';
  const query = useQuery({
    queryKey: queryKeys.scans.launchCheck(systemId),
    queryFn: () => unwrap(http.GET('/api/v1/scans/launch-check', { params: { query: { systemId } } })),
  });
  const check = query.data;
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t('findings.launch.title')}
        </Typography.Title>
      }
      data-testid="launch-check"
    >
      {query.isPending && <Skeleton active paragraph={{ rows: 1 }} />}
      {query.isError && <Alert type="error" showIcon title={errorText(query.error)} />}
      {check &&
        (check.allowed ? (
          <Alert type="success" showIcon title={t('findings.launch.allowed')} />
        ) : (
          <Alert
            type="warning"
            showIcon
            title={t('findings.launch.blocked')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {check.blockers.map((b) => (
                  <Blocker key={b.kind} blocker={b} />
                ))}
              </ul>
            }
          />
        ))}
      {check && mayChange && (
        <Flex gap={8} wrap style={{ marginTop: 12 }}>
          <Button
            type={check.allowed ? 'primary' : 'default'}
            loading={isSubmitting}
            onClick={() => {
              setSubmitting(true);
              void goOnline().finally(() => setSubmitting(false));
            }}
          >
            {t('findings.launch.goOnline')}
          </Button>
          {!check.allowed && can(user.role, 'system.launch-override') && (
            <Button danger onClick={() => setOverriding(true)}>
              {t('findings.launch.override')}
            </Button>
          )}
        </Flex>
      )}
      {system.status === 'online' && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('findings.launch.isOnline')}
        </Typography.Paragraph>
      )}
      {refusal && <Alert type="error" showIcon role="alert" title={refusal} style={{ marginTop: 12 }} />}
      {isOverriding && (
        <OverrideModal onSubmit={(reason) => goOnline({ reason })} onClose={() => setOverriding(false)} />
      )}
    </Card>
  );
}
