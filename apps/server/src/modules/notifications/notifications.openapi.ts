import { defineOperations } from '../../lib/openapi-operations.js';

/** The notifications module's operations in the OpenAPI document (issue 11, defect 16; lib/openapi-operations.ts). */
export const notificationsOperations = defineOperations({
  'GET /api/v1/notifications': { operationId: 'listNotifications', summary: "List the user's notifications" },
  'GET /api/v1/notifications/unread-count': {
    operationId: 'countUnreadNotifications',
    summary: 'How many notifications are unread',
  },
  'POST /api/v1/notifications/read-all': {
    operationId: 'markAllNotificationsRead',
    summary: 'Mark every notification read',
  },
  'POST /api/v1/notifications/:id/read': { operationId: 'markNotificationRead', summary: 'Mark one notification read' },
  'GET /api/v1/account/notification-preferences': {
    operationId: 'getNotificationPreferences',
    summary: "The user's mail preferences per kind of notification",
  },
  'PUT /api/v1/account/notification-preferences': {
    operationId: 'setNotificationPreferences',
    summary: "Set the user's mail preferences",
  },
  'GET /api/v1/outbox': { operationId: 'listOutbox', summary: 'List outgoing mail and its state' },
  'POST /api/v1/outbox/:id/resend': {
    operationId: 'resendOutboxMail',
    summary: 'Send a failed mail again',
    errors: ['OUTBOX_NOT_FAILED'],
  },
});
