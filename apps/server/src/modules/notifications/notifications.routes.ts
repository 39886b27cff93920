import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  IdParamSchema,
  NotificationListQuerySchema,
  NotificationPreferencesSchema,
  NotificationPreferencesUpdateSchema,
  NotificationSchema,
  OutboxListQuerySchema,
  OutboxMessageSchema,
  OutboxPageSchema,
  pageOf,
  ReadAllResultSchema,
  UnreadCountSchema,
} from '@custodian/shared';
import type { AppDeps } from '../../lib/context.js';
import {
  countMyUnread,
  getNotificationPreferences,
  listMyNotifications,
  listOutboxMessages,
  readAllNotifications,
  readNotification,
  resendOutboxMessage,
  updateNotificationPreferences,
} from './notifications.service.js';

/**
 * The caller's in-app notifications and mail preference, and the Ministry's view of the
 * mail outbox (ADR 0020).
 */
export const notificationRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const tags = ['notifications'];
  app.get(
    '/notifications',
    {
      config: { access: { roles: 'any' } },
      schema: {
        tags,
        summary: 'The caller’s notifications, newest first',
        querystring: NotificationListQuerySchema,
        response: { 200: pageOf(NotificationSchema) },
      },
    },
    async (request) => listMyNotifications(deps, request.ctx(), request.query),
  );
  app.get(
    '/notifications/unread-count',
    {
      config: { access: { roles: 'any' } },
      schema: {
        tags,
        summary: 'How many of the caller’s notifications are unread',
        response: { 200: UnreadCountSchema },
      },
    },
    async (request) => countMyUnread(deps, request.ctx()),
  );
  app.post(
    '/notifications/read-all',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, summary: 'Marks all the caller’s notifications read', response: { 200: ReadAllResultSchema } },
    },
    async (request) => readAllNotifications(deps, request.ctx()),
  );
  app.post(
    '/notifications/:id/read',
    {
      config: { access: { roles: 'any' } },
      schema: {
        tags,
        summary: 'Marks one of the caller’s notifications read',
        params: IdParamSchema,
        response: { 200: NotificationSchema },
      },
    },
    async (request) => readNotification(deps, request.ctx(), request.params.id),
  );
  app.get(
    '/account/notification-preferences',
    {
      config: { access: { roles: 'any' } },
      schema: {
        tags,
        summary: 'How the caller receives notification mail',
        response: { 200: NotificationPreferencesSchema },
      },
    },
    async (request) => getNotificationPreferences(deps, request.ctx()),
  );
  app.put(
    '/account/notification-preferences',
    {
      config: { access: { roles: 'any' } },
      schema: {
        tags,
        summary: 'Chooses immediate mail or a daily or weekly digest',
        body: NotificationPreferencesUpdateSchema,
        response: { 200: NotificationPreferencesSchema },
      },
    },
    async (request) => updateNotificationPreferences(deps, request.ctx(), request.body),
  );

  const outboxTags = ['outbox'];
  app.get(
    '/outbox',
    {
      config: { access: { permission: 'outbox.manage' } },
      schema: {
        tags: outboxTags,
        summary: 'Mail messages in the outbox, newest first',
        querystring: OutboxListQuerySchema,
        response: { 200: OutboxPageSchema },
      },
    },
    async (request) => listOutboxMessages(deps, request.ctx(), request.query),
  );
  app.post(
    '/outbox/:id/resend',
    {
      config: { access: { permission: 'outbox.manage' } },
      schema: {
        tags: outboxTags,
        summary: 'Queues a failed message again',
        params: IdParamSchema,
        response: { 200: OutboxMessageSchema },
      },
    },
    async (request) => resendOutboxMessage(deps, request.ctx(), request.params.id),
  );
};
