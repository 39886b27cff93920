import { useCallback } from 'react';
import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  type AttachmentOwnerType,
  type ObligationItem,
  type ObligationState,
  type ObligationTitle,
  type Role,
  labelParamsIn,
  regulationItemLabel,
} from '@custodian/shared';
import { currentLanguage } from '../../i18n.js';

const STATE_COLORS: Record<ObligationState, string> = {
  upcoming: 'default',
  due: 'gold',
  overdue: 'red',
  done: 'green',
  waived: 'purple',
};

/** upcoming / due / overdue / done / waived. */
export function ObligationStateTag({ state }: { state: ObligationState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLORS[state]} data-testid={`obligation-state-${state}`}>
      {t(`obligations.states.${state}`)}
    </Tag>
  );
}

/**
 * The obligation's name in the UI language: the label key the server sent, with its
 * parameters (an organisation by its English name in English, when it has one); the
 * server's own zh-TW text when this build does not know the key (a rule added by a newer
 * module).
 */
export function useObligationTitle(): (title: ObligationTitle) => string {
  const { t } = useTranslation();
  const language = currentLanguage();
  return useCallback(
    (title: ObligationTitle) => t(title.key, { ...labelParamsIn(language, title.params), defaultValue: title.text }),
    [t, language],
  );
}

/** 第十點 / Item 10. */
export function useItemLabel(): (item: string) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (item: string) => t('obligations.item', { item: regulationItemLabel(item, i18n.language) }),
    [t, i18n.language],
  );
}

/** "剩 3 天", "今天到期", "已逾期 5 天" for open obligations; nothing for closed ones. */
export function DueHint({ item }: { item: Pick<ObligationItem, 'state' | 'daysToDue'> }) {
  const { t } = useTranslation();
  if (item.state === 'done' || item.state === 'waived') {
    return null;
  }
  const text =
    item.daysToDue < 0
      ? t('obligations.due.daysOverdue', { count: -item.daysToDue })
      : item.daysToDue === 0
        ? t('obligations.due.today')
        : t('obligations.due.daysLeft', { count: item.daysToDue });
  return <Typography.Text type={item.daysToDue < 0 ? 'danger' : 'secondary'}>{text}</Typography.Text>;
}

/** Whether the role sees obligations of more than one unit, so unit filters help. */
export function seesManyUnits(role: Role): boolean {
  return role === 'ministry_admin' || role === 'ministry_owner' || role === 'auditor';
}

/** Whether an obligation still asks for action. */
export function isOpen(state: ObligationState): boolean {
  return state === 'upcoming' || state === 'due' || state === 'overdue';
}

/**
 * Whether the obligation's link leads to a record page. Periodic duties (items 十五, 十七 …)
 * have no record of their own yet: their link is the calendar's list, and the action
 * that fulfils them is "mark done" in the detail panel.
 */
export function hasRecordLink(item: Pick<ObligationItem, 'link'>): boolean {
  return !item.link.startsWith('/calendar');
}

/**
 * Where an evidence file for "mark done" is stored: on the obligation when attachments can
 * hang on obligations, else on the record the obligation is about (a system, a contract, a
 * vendor qualification); null when neither can take a file. `types` are the owner types the
 * server's modules registered (GET /api/v1/attachments/owner-types, ADR 0018).
 */
export function evidenceOwner(
  item: Pick<ObligationItem, 'id' | 'subject'>,
  types: readonly string[],
): { ownerType: AttachmentOwnerType; ownerId: string } | null {
  if (types.includes('obligation')) {
    return { ownerType: 'obligation' as AttachmentOwnerType, ownerId: item.id };
  }
  if (types.includes(item.subject.type)) {
    return { ownerType: item.subject.type as AttachmentOwnerType, ownerId: item.subject.id };
  }
  return null;
}
