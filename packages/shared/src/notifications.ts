import { z } from 'zod';
import { PageQuerySchema } from './pagination.js';

/** How a person receives notification mail: one per item, or a daily or weekly digest. */
export const NOTIFICATION_DELIVERIES = ['immediate', 'daily', 'weekly'] as const;
export const NotificationDeliverySchema = z
  .enum(NOTIFICATION_DELIVERIES)
  .describe('immediate: one mail per notification; daily/weekly: one digest mail (08:00 Taipei, weekly on Mondays)');
export type NotificationDelivery = z.infer<typeof NotificationDeliverySchema>;

/** An in-app notification of the caller, rendered in the caller's language. */
export const NotificationSchema = z.object({
  id: z.uuid().describe('Notification id'),
  kind: z.string().describe('Template key, e.g. obligation.reminder'),
  title: z.string().describe('Subject, rendered from the template in the caller’s language'),
  body: z.string().describe('Plain-text body, rendered from the template in the caller’s language'),
  link: z.string().nullable().describe('In-app path of the record it concerns'),
  createdAt: z.string().describe('When it was raised (ISO 8601, UTC)'),
  readAt: z.string().nullable().describe('When the caller marked it read (ISO 8601, UTC); null when unread'),
});
export type Notification = z.infer<typeof NotificationSchema>;

/** GET /api/v1/notifications: newest first. */
export const NotificationListQuerySchema = PageQuerySchema.omit({ q: true }).extend({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true'))
    .describe('true: only unread ones'),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuerySchema>;

export const UnreadCountSchema = z.object({ count: z.number().int().min(0).describe('Unread notifications') });
export type UnreadCount = z.infer<typeof UnreadCountSchema>;

export const ReadAllResultSchema = z.object({ updated: z.number().int().min(0).describe('Notifications marked read') });

/** GET/PUT /api/v1/account/notification-preferences. */
export const NotificationPreferencesSchema = z.object({
  delivery: NotificationDeliverySchema,
  language: z.enum(['zh-TW', 'en']).describe('Language of the mail: the account’s interface language'),
  mailConfigured: z.boolean().describe('False when SMTP_URL is not set: mail waits in the outbox'),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferencesSchema>;

export const NotificationPreferencesUpdateSchema = z.object({ delivery: NotificationDeliverySchema }).strict();
export type NotificationPreferencesUpdate = z.infer<typeof NotificationPreferencesUpdateSchema>;

/** A message's state in the outbox. */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export const OutboxStatusSchema = z
  .enum(OUTBOX_STATUSES)
  .describe('pending: waiting (or retrying); sending: claimed by a sender; sent; failed: gave up, may be resent');
export type OutboxStatus = z.infer<typeof OutboxStatusSchema>;

/** A mail message in the transactional outbox (ministry_admin). */
export const OutboxMessageSchema = z.object({
  id: z.uuid().describe('Message id'),
  kind: z.string().describe('Notification kind, or digest.daily / digest.weekly'),
  to: z.string().describe('Recipient address'),
  recipientName: z.string().nullable().describe('Recipient user’s name, when the user still exists'),
  subject: z.string(),
  status: OutboxStatusSchema,
  attempts: z.number().int().min(0).describe('Delivery attempts so far'),
  nextAttemptAt: z.string().describe('When the next attempt may start (ISO 8601, UTC)'),
  lastError: z.string().nullable().describe('Error of the last failed attempt'),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
});
export type OutboxMessage = z.infer<typeof OutboxMessageSchema>;

/** GET /api/v1/outbox: newest first. */
export const OutboxListQuerySchema = PageQuerySchema.omit({ q: true }).extend({
  status: OutboxStatusSchema.optional(),
});
export type OutboxListQuery = z.infer<typeof OutboxListQuerySchema>;

/** The outbox list with the mail server's state, for the banner. */
export const OutboxPageSchema = z.object({
  items: z.array(OutboxMessageSchema).describe('Rows of this page'),
  total: z.number().int().describe('Rows matching the filter, over all pages'),
  page: z.number().int().describe('1-based page number'),
  pageSize: z.number().int().describe('Rows per page'),
  mailConfigured: z.boolean().describe('False when SMTP_URL is not set: messages stay pending'),
});
export type OutboxPage = z.infer<typeof OutboxPageSchema>;
