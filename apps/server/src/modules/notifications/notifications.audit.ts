import { defineAudit } from '../audit/audit.labels.js';

/** Audit labels of notifications and the outbox (ADR 0018). */
export const notificationsAudit = defineAudit({
  actions: {
    'notification.read': { 'zh-TW': '標示通知為已讀', en: 'Notification marked read' },
    'notification.read_all': { 'zh-TW': '全部通知標示為已讀', en: 'All notifications marked read' },
    'notification_preferences.update': { 'zh-TW': '更新通知設定', en: 'Notification settings updated' },
    'outbox.resend': { 'zh-TW': '重新寄送郵件', en: 'Mail resent' },
  },
  targets: {
    notification: { label: { 'zh-TW': '通知', en: 'Notification' } },
    outbox_message: { label: { 'zh-TW': '寄件匣郵件', en: 'Outbox message' } },
  },
});
