import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatRocDocumentDate, type AgreementStatus, type CommitmentState } from '@custodian/shared';
import { useSession } from '../../auth/session-context.js';
import { currentLanguage } from '../../i18n.js';
import { useFormatDate } from '../../lib/use-format-date.js';

const STATUS_COLORS: Record<AgreementStatus, string> = {
  draft: 'default',
  generated: 'blue',
  signed: 'green',
  terminated: 'default',
  expired: 'orange',
};
const STATE_COLORS: Record<CommitmentState, string> = {
  valid: 'green',
  unsigned: 'orange',
  expired: 'red',
  missing: 'default',
};

/** 草稿 / 已產製 / 已簽署 / 已終止 / 已屆滿. */
export function AgreementStatusTag({ status }: { status: AgreementStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`agreements.statuses.${status}`)}</Tag>;
}

/** 有效 / 未簽署 / 已過期 / 未填寫. */
export function CommitmentStateTag({ state }: { state: CommitmentState }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLORS[state]}>{t(`agreements.states.${state}`)}</Tag>;
}

/** A value or a dash. */
export const dash = (value: string | number | null | undefined) =>
  value === null || value === undefined || value === '' ? '—' : value;

/**
 * The dates of the documents (signing, end, termination) as the forms print them in
 * zh-TW with the ROC preference, 「中華民國 115 年 11 月 24 日」; otherwise the app's date format.
 */
export function useDocumentDate(): (value: string | null | undefined) => string {
  const formatDate = useFormatDate();
  const { session } = useSession();
  const isRoc = (session?.user.dateFormat ?? 'roc') === 'roc' && currentLanguage() === 'zh-TW';
  return (value) => {
    if (!value) {
      return '—';
    }
    return isRoc ? formatRocDocumentDate(value) : formatDate(value, false);
  };
}
