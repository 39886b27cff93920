import { useEffect, useState } from 'react';
import { Alert, App, Form, Input, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { Allocation } from '@custodian/shared';
import { http, unwrap, ApiError } from '../../api/client.js';

import { FormModal } from '../../components/form-modal.js';
import { useErrorText, useFormErrorHandler } from '../../lib/errors.js';
import { useFormatDay, useInvalidateAllocations } from './allocation-parts.js';
import { SystemSelect } from './system-select.js';
import { queryKeys } from '../../api/query-keys.js';
import { now } from '../../lib/clock.js';
import { DateInput } from '../../components/date-input.js';
import { useOrgName } from '../../lib/use-org-name.js';

type Values = { systemId?: string; value: string; startsOn: Dayjs; expiresOn?: Dayjs };
const FIELDS = ['systemId', 'value', 'startsOn', 'expiresOn'] as const;
/** Server error codes that belong to one field: the message is shown next to it. */
const CODE_FIELDS = {
  SYSTEM_DECOMMISSIONED: 'systemId',
  INVALID_IP: 'value',
  INVALID_FQDN: 'value',
  INVALID_CIDR: 'value',
  ALLOCATION_OVERLAP: 'value',
  ALLOCATION_PERIOD_TOO_LONG: 'expiresOn',
  ALLOCATION_PERIOD_INVALID: 'expiresOn',
};
const ISO = 'YYYY-MM-DD';

/** Active allocations the user may see that overlap a value, to explain an ALLOCATION_OVERLAP. */
function OverlapNotice({ overlaps }: { overlaps: Allocation[] }) {
  const { t } = useTranslation();
  const orgName = useOrgName();
  if (overlaps.length === 0) {
    return <Alert type="warning" showIcon title={t('allocations.overlapHidden')} style={{ marginBottom: 16 }} />;
  }
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('allocations.overlapWith')}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {overlaps.map((a) => (
            <li key={a.id}>
              {t('allocations.overlapItem', {
                value: a.value,
                system: a.systemName,
                unit: orgName(a.orgName, a.orgNameEn),
              })}
            </li>
          ))}
        </ul>
      }
    />
  );
}

/**
 * Adds a domain, address or range to a system (the given one, or one picked in the form). The
 * expiry defaults to the longest period the rules in force on the start date allow (computed
 * by the server), and is shown.
 */
export function AllocationFormModal(props: { systemId?: string; onClose: () => void }) {
  const { systemId, onClose } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const formatDay = useFormatDay();
  const invalidate = useInvalidateAllocations();
  const [form] = Form.useForm<Values>();
  const [isSubmitting, setSubmitting] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [overlaps, setOverlaps] = useState<Allocation[] | null>(null);
  /** Whether the user chose an expiry; otherwise the server applies the longest allowed. */
  const [isExpiryEdited, setExpiryEdited] = useState(false);
  const startsOn = Form.useWatch('startsOn', form);
  const startIso = startsOn ? startsOn.format(ISO) : undefined;
  const period = useQuery({
    queryKey: queryKeys.allocations.period(startIso),
    queryFn: () => unwrap(http.GET('/api/v1/allocations/period', { params: { query: { startsOn: startIso ?? '' } } })),
    enabled: startIso !== undefined,
    staleTime: 60_000,
  });
  const latest = period.data?.startsOn === startIso ? period.data : undefined;

  useEffect(() => {
    // A new start date gives a new longest period: show it as the expiry unless one was chosen.
    if (latest && !isExpiryEdited) {
      form.setFieldValue('expiresOn', dayjs(latest.latestExpiresOn));
    }
  }, [latest, isExpiryEdited, form]);

  const onError = useFormErrorHandler({ form, names: FIELDS, codeFields: CODE_FIELDS, show: setFormError });

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    setFormError(null);
    setOverlaps(null);
    try {
      await unwrap(
        http.POST('/api/v1/allocations', {
          body: {
            systemId: systemId ?? values.systemId ?? '',
            value: values.value.trim(),
            startsOn: values.startsOn.format(ISO),
            // Left out unless chosen: the server then applies the longest period for the start date.
            ...(isExpiryEdited && values.expiresOn ? { expiresOn: values.expiresOn.format(ISO) } : {}),
          },
        }),
      );
      void message.success(t('allocations.added'));
      await invalidate();
      onClose();
    } catch (error) {
      onError(error);
      if (error instanceof ApiError && error.code === 'ALLOCATION_OVERLAP') {
        try {
          const visible = await unwrap(
            http.GET('/api/v1/allocations', {
              params: { query: { overlaps: values.value.trim(), status: 'active', pageSize: 5 } },
            }),
          );
          setOverlaps(visible.items);
        } catch {
          setOverlaps([]);
        }
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <FormModal<Values>
      open
      title={t('allocations.addTitle')}
      form={form}
      onFinish={(values) => void onFinish(values)}
      onCancel={onClose}
      isSubmitting={isSubmitting}
      okText={t('allocations.add')}
      initialValues={{ startsOn: dayjs(now()) }}
    >
      {formError && !overlaps && (
        <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} role="alert" />
      )}
      {overlaps && <OverlapNotice overlaps={overlaps} />}
      {systemId === undefined && (
        <Form.Item
          name="systemId"
          label={t('allocations.system')}
          rules={[{ required: true, message: t('allocations.systemRequired') }]}
        >
          <SystemSelect placeholder={t('allocations.systemPlaceholder')} />
        </Form.Item>
      )}
      <Form.Item
        name="value"
        label={t('allocations.value')}
        extra={t('allocations.valueHelp')}
        rules={[{ required: true, whitespace: true, max: 300, message: t('allocations.valueRequired') }]}
      >
        <Input spellCheck={false} autoComplete="off" autoFocus={systemId !== undefined} />
      </Form.Item>
      <Form.Item
        name="startsOn"
        label={t('allocations.startsOn')}
        rules={[{ required: true, message: t('allocations.startRequired') }]}
      >
        <DateInput
          style={{ width: '100%' }}
          allowClear={false}
          onChange={() => {
            // The old default no longer applies; the new one arrives with the period.
            setExpiryEdited(false);
            form.setFieldValue('expiresOn', undefined);
          }}
        />
      </Form.Item>
      <Form.Item
        name="expiresOn"
        label={t('allocations.expiresOn')}
        dependencies={['startsOn']}
        extra={
          <Typography.Text type="secondary" data-testid="allocation-latest-expiry">
            {latest
              ? t('allocations.latestExpiry', {
                  version: latest.policyVersion,
                  years: latest.maxYears,
                  date: formatDay(latest.latestExpiresOn),
                })
              : startIso
                ? t('allocations.latestExpiryLoading')
                : ''}
          </Typography.Text>
        }
        rules={[
          {
            validator: async (_, value: Dayjs | undefined) => {
              if (!value || !isExpiryEdited) {
                return;
              }
              const iso = value.format(ISO);
              if (startIso && iso < startIso) {
                throw new Error(t('allocations.expiryBeforeStart'));
              }
              if (latest && iso > latest.latestExpiresOn) {
                throw new Error(t('allocations.expiryTooLate', { date: formatDay(latest.latestExpiresOn) }));
              }
            },
          },
        ]}
      >
        <DateInput
          style={{ width: '100%' }}
          allowClear={false}
          placeholder={t('allocations.expiryDefault')}
          onChange={() => setExpiryEdited(true)}
          disabledDate={(d) =>
            (startIso !== undefined && d.format(ISO) < startIso) ||
            (latest !== undefined && d.format(ISO) > latest.latestExpiresOn)
          }
        />
      </Form.Item>
      {period.isError && <Alert type="error" showIcon title={errorText(period.error)} />}
    </FormModal>
  );
}
