import { useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Skeleton, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ObligationDetail } from '@custodian/shared';
import { apiUrl, http, unwrap } from '../../api/client.js';
import { queryKeys } from '../../api/query-keys.js';
import { useErrorText } from '../../lib/errors.js';
import { useFormatDate } from '../../lib/use-format-date.js';
import { MarkDoneModal, WaiveModal } from './obligation-actions.js';
import {
  DueHint,
  ObligationStateTag,
  hasRecordLink,
  isOpen,
  useItemLabel,
  useObligationTitle,
} from './obligation-parts.js';
import { useOrgName } from '../../lib/use-org-name.js';

/** How the due day came about: anchor, period, end of period, shift, reminders, escalation. */
function Explanation({ detail }: { detail: ObligationDetail }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const itemLabel = useItemLabel();
  const e = detail.explanation;
  const day = (value: string) => formatDate(value, false);
  const shift = !e.shiftToWorkingDay
    ? t('obligations.detail.noShift')
    : e.shiftedFrom
      ? t('obligations.detail.shiftedFrom', {
          date: day(e.shiftedFrom),
          note: e.shiftNote ?? t('obligations.detail.weekend'),
        })
      : t('obligations.detail.notShifted');
  return (
    <>
      {!e.calendarImported && e.shiftToWorkingDay && (
        <Alert type="info" showIcon title={t('obligations.detail.calendarMissing')} style={{ marginBottom: 12 }} />
      )}
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          {
            key: 'rule',
            label: t('obligations.detail.rule'),
            children: <Typography.Text code>{e.ruleId}</Typography.Text>,
          },
          {
            key: 'version',
            label: t('obligations.detail.ruleVersion'),
            children: t('obligations.detail.ruleVersionValue', { version: e.ruleVersion }),
          },
          { key: 'item', label: t('obligations.fields.item'), children: itemLabel(e.item) },
          { key: 'trigger', label: t('obligations.detail.trigger'), children: e.trigger },
          { key: 'anchor', label: t('obligations.detail.anchorOn'), children: day(e.anchorOn) },
          {
            key: 'period',
            label: t('obligations.detail.period'),
            children: <Typography.Text code>{e.period}</Typography.Text>,
          },
          ...(e.periodSource
            ? [{ key: 'periodSource', label: t('obligations.detail.periodSource'), children: e.periodSource }]
            : []),
          { key: 'computed', label: t('obligations.detail.computedOn'), children: day(e.computedOn) },
          { key: 'shift', label: t('obligations.detail.shift'), children: shift },
          { key: 'due', label: t('obligations.detail.dueOn'), children: <strong>{day(e.dueOn)}</strong> },
          {
            key: 'reminders',
            label: t('obligations.detail.reminders'),
            children:
              e.reminderDays.length > 0
                ? e.reminderDays
                    .map((days) =>
                      days === 0
                        ? t('obligations.detail.reminderOnDay')
                        : t('obligations.detail.reminderDays', { days }),
                    )
                    .join('、')
                : t('obligations.detail.none'),
          },
          {
            key: 'escalation',
            label: t('obligations.detail.escalation'),
            children:
              e.escalation.length > 0 ? (
                <ul className="plain-list">
                  {e.escalation.map((step) => (
                    <li key={`${step.afterDays}-${step.to}`}>
                      {t('obligations.detail.escalationStep', {
                        days: step.afterDays,
                        to: t(`obligations.detail.escalateTo.${step.to}`, { defaultValue: step.to }),
                      })}
                    </li>
                  ))}
                </ul>
              ) : (
                t('obligations.detail.none')
              ),
          },
        ]}
      />
    </>
  );
}

/** Fulfilment (done) or waiver of a closed obligation. */
function Closure({ detail }: { detail: ObligationDetail }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  if (detail.evidence) {
    const ev = detail.evidence;
    return (
      <Descriptions
        title={t('obligations.detail.evidence')}
        column={1}
        size="small"
        bordered
        style={{ marginBottom: 16 }}
        items={[
          { key: 'on', label: t('obligations.detail.doneOn'), children: formatDate(ev.doneOn, false) },
          { key: 'by', label: t('obligations.detail.doneBy'), children: ev.doneByName ?? '—' },
          ...(ev.note ? [{ key: 'note', label: t('obligations.detail.note'), children: ev.note }] : []),
          ...(ev.attachmentId
            ? [
                {
                  key: 'file',
                  label: t('obligations.detail.attachment'),
                  children: (
                    <Typography.Link href={apiUrl(`/attachments/${ev.attachmentId}/download`)}>
                      {t('obligations.detail.attachment')}
                    </Typography.Link>
                  ),
                },
              ]
            : []),
          ...(ev.link
            ? [
                {
                  key: 'link',
                  label: t('obligations.detail.evidenceLink'),
                  children: <Link to={ev.link}>{ev.link}</Link>,
                },
              ]
            : []),
        ]}
      />
    );
  }
  if (detail.waiver) {
    const w = detail.waiver;
    return (
      <Descriptions
        title={t('obligations.detail.waiver')}
        column={1}
        size="small"
        bordered
        style={{ marginBottom: 16 }}
        items={[
          { key: 'reason', label: t('obligations.detail.waiverReason'), children: w.reason },
          { key: 'by', label: t('obligations.detail.waiverApprovedBy'), children: w.approvedByName ?? '—' },
          { key: 'until', label: t('obligations.detail.waiverExpiresOn'), children: formatDate(w.expiresOn, false) },
        ]}
      />
    );
  }
  return null;
}

/**
 * One obligation in a side panel: what it is, its state, how its due day was computed,
 * and the actions: open the record, mark done, waive (Ministry).
 */
export function ObligationDrawer(props: { id: string | null; onClose: () => void }) {
  const { id, onClose } = props;
  const navigate = useNavigate();
  const { t } = useTranslation();
  const orgName = useOrgName();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const titleOf = useObligationTitle();
  const [action, setAction] = useState<'done' | 'waive' | null>(null);
  const query = useQuery({
    queryKey: queryKeys.obligations.detail(id ?? ''),
    queryFn: () => unwrap(http.GET('/api/v1/obligations/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: id !== null,
  });
  const detail = query.data;
  const open = detail ? isOpen(detail.state) : false;
  const subjectName = detail ? orgName(detail.subject.name, detail.subject.nameEn) : '';
  // The server's today (Asia/Taipei), from the due day and the days left to it.
  const today = detail ? dayjs(detail.dueOn).subtract(detail.daysToDue, 'day').format('YYYY-MM-DD') : '';

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={560}
      title={detail ? titleOf(detail.title) : t('obligations.detail.title')}
      destroyOnHidden
      extra={
        detail &&
        open && (
          <Space wrap>
            {detail.can.waive && <Button onClick={() => setAction('waive')}>{t('obligations.detail.waive')}</Button>}
            {detail.can.complete && (
              <Button onClick={() => setAction('done')}>{t('obligations.detail.markDone')}</Button>
            )}
            {hasRecordLink(detail) && (
              <Button type="primary" onClick={() => void navigate(detail.link)}>
                {t('obligations.detail.open')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {query.isPending && id !== null && <Skeleton active />}
      {query.isError && <Alert type="error" showIcon title={errorText(query.error)} />}
      {detail && (
        <>
          <Descriptions
            column={1}
            size="small"
            style={{ marginBottom: 16 }}
            items={[
              {
                key: 'state',
                label: t('obligations.fields.state'),
                children: (
                  <Space>
                    <ObligationStateTag state={detail.state} />
                    <DueHint item={detail} />
                  </Space>
                ),
              },
              { key: 'due', label: t('obligations.fields.dueOn'), children: formatDate(detail.dueOn, false) },
              {
                key: 'subject',
                label: t('obligations.fields.subject'),
                children: (
                  <>
                    {t(`obligations.subjectTypes.${detail.subject.type}`, { defaultValue: detail.subject.type })}
                    {' · '}
                    {hasRecordLink(detail) ? <Link to={detail.link}>{subjectName}</Link> : subjectName}
                  </>
                ),
              },
              { key: 'unit', label: t('obligations.fields.unit'), children: orgName(detail.orgName, detail.orgNameEn) },
              {
                key: 'responsible',
                label: t('obligations.fields.responsible'),
                children: detail.responsibleName ?? '—',
              },
            ]}
          />
          <Closure detail={detail} />
          <Typography.Title level={3} style={{ fontSize: 15 }}>
            {t('obligations.detail.explanation')}
          </Typography.Title>
          <Explanation detail={detail} />
        </>
      )}
      {detail && action === 'done' && <MarkDoneModal obligation={detail} onClose={() => setAction(null)} />}
      {detail && action === 'waive' && <WaiveModal obligation={detail} today={today} onClose={() => setAction(null)} />}
    </Drawer>
  );
}
