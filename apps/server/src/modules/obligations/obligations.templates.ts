import { formatRocDate, regulationItemInArabic } from '@custodian/shared';
import { html } from '../notifications/notifications.html.js';
import type { NotificationParams, NotificationTemplates } from '../notifications/notifications.templates.js';

/*
 * The compliance calendar's notification kinds (issue 13 §4, ADR 0019/0020), registered by
 * the obligations module (`AppModule.notificationTemplates`). Parameters, all set by
 * obligations.notify.ts: `title` (the obligation, zh-TW), `item` (regulation item), `org`
 * (the unit), `dueOn` (YYYY-MM-DD), `dueOnRoc` (民國 date), `days` (days before or after the
 * due day) and, for escalations, `level` ('owner' | 'ministry'). The layout adds the link.
 */

const s = (p: NotificationParams, key: string) => String(p[key] ?? '');
/** The item in Arabic numerals (十二(一) → 12(1)) and the ROC date as ROC 115/03/01, for English readers. */
const itemEn = (p: NotificationParams) => regulationItemInArabic(s(p, 'item'));
const rocEn = (p: NotificationParams) => (s(p, 'dueOn') ? formatRocDate(s(p, 'dueOn'), 'en') : '');

function escalatedTo(p: NotificationParams, locale: 'zh-TW' | 'en'): string {
  if (locale === 'zh-TW') {
    return s(p, 'level') === 'ministry' ? '本部資安業務單位' : '業務主管機關承辦人';
  }
  return s(p, 'level') === 'ministry' ? "the Ministry's security office" : 'the supervising business owner';
}

export const obligationNotificationTemplates: NotificationTemplates = {
  'obligation.reminder': {
    'zh-TW': {
      subject: (p) => `【提醒】${s(p, 'title')}（${s(p, 'days')} 日後到期）`,
      text: (p) =>
        `${s(p, 'org')} 的義務「${s(p, 'title')}」（規定第${s(p, 'item')}點）將於 ${s(p, 'dueOnRoc')}（${s(p, 'dueOn')}）到期，尚餘 ${s(p, 'days')} 日。`,
      html: (p) =>
        html`<p>
          ${s(p, 'org')} 的義務「<strong>${s(p, 'title')}</strong>」（規定第${s(p, 'item')}點）將於
          <strong>${s(p, 'dueOnRoc')}</strong>（${s(p, 'dueOn')}）到期，尚餘 ${s(p, 'days')} 日。
        </p>`,
    },
    en: {
      subject: (p) => `Reminder: ${s(p, 'title')} (due in ${s(p, 'days')} days)`,
      text: (p) =>
        `The obligation "${s(p, 'title')}" of ${s(p, 'org')} (regulation item ${itemEn(p)}) is due on ${s(p, 'dueOn')} (${rocEn(p)}), in ${s(p, 'days')} days.`,
      html: (p) =>
        html`<p>
          The obligation <strong>${s(p, 'title')}</strong> of ${s(p, 'org')} (regulation item ${itemEn(p)}) is due on
          <strong>${s(p, 'dueOn')}</strong> (${rocEn(p)}), in ${s(p, 'days')} days.
        </p>`,
    },
  },
  'obligation.due': {
    'zh-TW': {
      subject: (p) => `【今日到期】${s(p, 'title')}`,
      text: (p) =>
        `${s(p, 'org')} 的義務「${s(p, 'title')}」（規定第${s(p, 'item')}點）於今日 ${s(p, 'dueOnRoc')}（${s(p, 'dueOn')}）到期，請儘速辦理。`,
      html: (p) =>
        html`<p>
          ${s(p, 'org')} 的義務「<strong>${s(p, 'title')}</strong>」（規定第${s(p, 'item')}點）於今日
          <strong>${s(p, 'dueOnRoc')}</strong>（${s(p, 'dueOn')}）到期，請儘速辦理。
        </p>`,
    },
    en: {
      subject: (p) => `Due today: ${s(p, 'title')}`,
      text: (p) =>
        `The obligation "${s(p, 'title')}" of ${s(p, 'org')} (regulation item ${itemEn(p)}) is due today, ${s(p, 'dueOn')} (${rocEn(p)}).`,
      html: (p) =>
        html`<p>
          The obligation <strong>${s(p, 'title')}</strong> of ${s(p, 'org')} (regulation item ${itemEn(p)}) is due
          <strong>today</strong>, ${s(p, 'dueOn')} (${rocEn(p)}).
        </p>`,
    },
  },
  'obligation.overdue': {
    'zh-TW': {
      subject: (p) => `【逾期】${s(p, 'title')}`,
      text: (p) =>
        `${s(p, 'org')} 的義務「${s(p, 'title')}」（規定第${s(p, 'item')}點）已於 ${s(p, 'dueOnRoc')}（${s(p, 'dueOn')}）到期，目前逾期 ${s(p, 'days')} 日，請立即辦理。`,
      html: (p) =>
        html`<p>
          ${s(p, 'org')} 的義務「<strong>${s(p, 'title')}</strong>」（規定第${s(p, 'item')}點）已於
          ${s(p, 'dueOnRoc')}（${s(p, 'dueOn')}）到期，目前<strong>逾期 ${s(p, 'days')} 日</strong>，請立即辦理。
        </p>`,
    },
    en: {
      subject: (p) => `Overdue: ${s(p, 'title')}`,
      text: (p) =>
        `The obligation "${s(p, 'title')}" of ${s(p, 'org')} (regulation item ${itemEn(p)}) was due on ${s(p, 'dueOn')} (${rocEn(p)}) and is ${s(p, 'days')} days overdue.`,
      html: (p) =>
        html`<p>
          The obligation <strong>${s(p, 'title')}</strong> of ${s(p, 'org')} (regulation item ${itemEn(p)}) was due on
          ${s(p, 'dueOn')} (${rocEn(p)}) and is <strong>${s(p, 'days')} days overdue</strong>.
        </p>`,
    },
  },
  'obligation.escalation': {
    'zh-TW': {
      subject: (p) => `【逾期通報】${s(p, 'org')}：${s(p, 'title')}`,
      text: (p) =>
        `${s(p, 'org')} 的義務「${s(p, 'title')}」（規定第${s(p, 'item')}點）已於 ${s(p, 'dueOnRoc')}（${s(p, 'dueOn')}）到期，逾期 ${s(p, 'days')} 日仍未辦理，依規則通報${escalatedTo(p, 'zh-TW')}。`,
      html: (p) =>
        html`<p>
          ${s(p, 'org')} 的義務「<strong>${s(p, 'title')}</strong>」（規定第${s(p, 'item')}點）已於
          ${s(p, 'dueOnRoc')}（${s(p, 'dueOn')}）到期，<strong>逾期 ${s(p, 'days')} 日</strong
          >仍未辦理，依規則通報${escalatedTo(p, 'zh-TW')}。
        </p>`,
    },
    en: {
      subject: (p) => `Escalation: ${s(p, 'org')}: ${s(p, 'title')}`,
      text: (p) =>
        `The obligation "${s(p, 'title')}" of ${s(p, 'org')} (regulation item ${itemEn(p)}) was due on ${s(p, 'dueOn')} (${rocEn(p)}) and is still open ${s(p, 'days')} days later; the rule escalates it to ${escalatedTo(p, 'en')}.`,
      html: (p) =>
        html`<p>
          The obligation <strong>${s(p, 'title')}</strong> of ${s(p, 'org')} (regulation item ${itemEn(p)}) was due on
          ${s(p, 'dueOn')} (${rocEn(p)}) and is still open <strong>${s(p, 'days')} days</strong> later; the rule
          escalates it to ${escalatedTo(p, 'en')}.
        </p>`,
    },
  },
};
