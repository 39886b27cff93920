import type { Role } from '@custodian/shared';
import { notifications, outbox } from '../../db/schema/index.js';
import { NO_OTHER, ROLE_USERS, countsB, itemsOf, unique, type MatrixContext, type MatrixEntry } from './common.js';

/** A notification of a user, written directly (the kind need not be registered to be listed). */
async function notificationOf(c: MatrixContext, userId: string): Promise<string> {
  const [row] = await c.t.db.db
    .insert(notifications)
    .values({
      userId,
      kind: 'matrix.notice',
      params: {},
      link: '/',
      dedupeKey: unique('matrix-notification'),
      mail: 'immediate',
      createdAt: new Date(),
    })
    .returning({ id: notifications.id });
  return row?.id ?? 'missing';
}

/** A message that failed for good, for the resend probe. */
async function failedMessage(c: MatrixContext): Promise<string> {
  const now = new Date();
  const [row] = await c.t.db.db
    .insert(outbox)
    .values({
      messageKey: unique('matrix-message'),
      userId: c.w.users.unitAdminB.id,
      kind: 'matrix.notice',
      to: c.w.users.unitAdminB.email,
      subject: '矩陣測試',
      text: '矩陣測試',
      html: '<p>矩陣測試</p>',
      status: 'failed',
      attempts: 5,
      nextAttemptAt: now,
      createdAt: now,
    })
    .returning({ id: outbox.id });
  return row?.id ?? 'missing';
}

const userOf = (c: MatrixContext, role: Role) => c.w.users[ROLE_USERS[role]].id;

const OUTBOX_OTHER = 'the outbox is the Ministry’s mail queue, readable only by ministry_admin, who sees every message';

/**
 * Authorization-matrix entries for notifications (ADR 0020). A notification is its
 * recipient's alone: unit B's admin's is reached by nobody else, the Ministry's admin
 * included.
 */
export const NOTIFICATIONS_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/v1/notifications': {
    roles: 'any',
    own: () => ({ url: '/api/v1/notifications' }),
    other: async (c) => {
      const id = await notificationOf(c, c.w.users.unitAdminB.id);
      return { url: '/api/v1/notifications', showsB: (res) => itemsOf(res).some((i) => i.id === id) };
    },
    reachB: [],
  },
  'GET /api/v1/notifications/unread-count': {
    roles: 'any',
    own: () => ({ url: '/api/v1/notifications/unread-count' }),
    other: (c, role) =>
      countsB(c, role, {
        url: '/api/v1/notifications/unread-count',
        addToB: () => notificationOf(c, c.w.users.unitAdminB.id),
      }),
    reachB: [],
  },
  'POST /api/v1/notifications/read-all': {
    roles: 'any',
    own: () => ({ url: '/api/v1/notifications/read-all' }),
    otherReason: NO_OTHER.self,
  },
  'POST /api/v1/notifications/:id/read': {
    roles: 'any',
    own: async (c, role) => ({ url: `/api/v1/notifications/${await notificationOf(c, userOf(c, role))}/read` }),
    other: async (c) => ({ url: `/api/v1/notifications/${await notificationOf(c, c.w.users.unitAdminB.id)}/read` }),
    reachB: [],
  },
  'GET /api/v1/account/notification-preferences': {
    roles: 'any',
    own: () => ({ url: '/api/v1/account/notification-preferences' }),
    otherReason: NO_OTHER.self,
  },
  'PUT /api/v1/account/notification-preferences': {
    roles: 'any',
    own: () => ({ url: '/api/v1/account/notification-preferences', payload: { delivery: 'daily' } }),
    otherReason: NO_OTHER.self,
  },
  'GET /api/v1/outbox': {
    permission: 'outbox.manage',
    own: () => ({ url: '/api/v1/outbox' }),
    otherReason: OUTBOX_OTHER,
  },
  'POST /api/v1/outbox/:id/resend': {
    permission: 'outbox.manage',
    own: async (c) => ({ url: `/api/v1/outbox/${await failedMessage(c)}/resend` }),
    otherReason: OUTBOX_OTHER,
  },
};
