import { eq } from 'drizzle-orm';
import type { Role } from '@custodian/shared';
import { apiTokens, sessions } from '../../db/schema/index.js';
import { createSession } from '../../modules/auth/session.service.js';
import { NO_OTHER, ROLE_USERS, itemsOf, nextCounter, type MatrixContext, type MatrixEntry } from './common.js';

/** Id of a second session of a user: the role's own, or unit B's admin's (another user's record). */
async function secondSessionOf(c: MatrixContext, userId: string): Promise<string> {
  const session = await createSession(c.t.deps, {
    userId,
    stage: 'active',
    ip: '127.0.0.1',
    userAgent: 'matrix',
    now: c.t.deps.clock.now(),
  });
  return session.sessionId;
}

/** Id of a fresh read-only API token of a user. */
async function tokenOf(c: MatrixContext, userId: string): Promise<string> {
  const [row] = await c.t.db.db
    .insert(apiTokens)
    .values({
      userId,
      name: 'matrix token',
      tokenHash: `matrix-${nextCounter()}`,
      prefix: 'cus_xxxx',
      scopes: ['read'],
      expiresAt: new Date(Date.now() + 86_400_000),
    })
    .returning({ id: apiTokens.id });
  return row?.id ?? 'missing';
}

const userOf = (c: MatrixContext, role: Role) => c.w.users[ROLE_USERS[role]].id;

/** Unit B's admin's current session: never any other user's to end. */
async function unitBSessionId(c: MatrixContext): Promise<string> {
  const [row] = await c.t.db.db
    .select({ id: sessions.id })
    .from(sessions)
    .where(eq(sessions.userId, c.w.users.unitAdminB.id))
    .limit(1);
  return row?.id ?? 'missing';
}

/**
 * Authorization-matrix entries for sign-in, first-run setup and "my account". Account routes
 * act on the caller's own records; the `other` record is another user's (unit B's admin's),
 * which nobody reaches, the Ministry's admin included.
 */
export const ACCOUNT_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/health': { roles: 'public', own: () => ({ url: '/api/health' }), otherReason: NO_OTHER.public },
  'GET /api/openapi.json': { roles: 'public', own: () => ({ url: '/api/openapi.json' }), otherReason: NO_OTHER.public },

  // First-run setup and sign-in: public by nature; their own tests cover behaviour.
  'GET /api/v1/setup/status': {
    roles: 'public',
    own: () => ({ url: '/api/v1/setup/status' }),
    otherReason: NO_OTHER.public,
  },
  'POST /api/v1/setup': {
    roles: 'public',
    ownReason: 'runs once, on an empty database; setup.test.ts covers it',
    otherReason: NO_OTHER.public,
  },
  'POST /api/v1/auth/login': {
    roles: 'public',
    ownReason: 'login.test.ts covers sign-in, lockout and rate limits',
    otherReason: NO_OTHER.public,
  },
  'GET /api/v1/auth/invites/:token': {
    roles: 'public',
    ownReason: 'needs an invitation token; invite.test.ts covers it',
    otherReason: NO_OTHER.public,
  },
  'POST /api/v1/auth/invites/:token': {
    roles: 'public',
    ownReason: 'needs an invitation token; invite.test.ts covers it',
    otherReason: NO_OTHER.public,
  },
  'GET /api/v1/auth/oidc/config': {
    roles: 'public',
    own: () => ({ url: '/api/v1/auth/oidc/config' }),
    otherReason: NO_OTHER.public,
  },
  'GET /api/v1/auth/oidc/start': {
    roles: 'public',
    ownReason: 'needs an OpenID provider; oidc.test.ts covers it',
    otherReason: NO_OTHER.public,
  },
  'GET /api/v1/auth/oidc/callback': {
    roles: 'public',
    ownReason: 'needs an OpenID provider; oidc.test.ts covers it',
    otherReason: NO_OTHER.public,
  },
  'POST /api/v1/auth/mfa': {
    roles: 'any',
    ownReason: 'needs a session waiting for its TOTP code; login.test.ts covers it',
    otherReason: NO_OTHER.self,
  },
  'POST /api/v1/auth/logout': {
    roles: 'any',
    ownReason: 'would end the matrix’s sessions; login.test.ts covers it',
    otherReason: NO_OTHER.self,
  },
  'GET /api/v1/auth/session': {
    roles: 'any',
    own: () => ({ url: '/api/v1/auth/session' }),
    otherReason: NO_OTHER.self,
  },

  'GET /api/v1/account': { roles: 'any', own: () => ({ url: '/api/v1/account' }), otherReason: NO_OTHER.self },
  'PATCH /api/v1/account': {
    roles: 'any',
    own: () => ({ url: '/api/v1/account', payload: { dateFormat: 'iso' } }),
    otherReason: NO_OTHER.self,
  },
  'POST /api/v1/account/password': {
    roles: 'any',
    ownReason: 'ends the user’s other sessions; account.test.ts covers it',
    otherReason: NO_OTHER.self,
  },
  // The matrix's Ministry users are MFA-enrolled (an active session requires it), so setup
  // would be a 409; account.test.ts covers enrolment.
  'POST /api/v1/account/mfa/setup': {
    roles: 'any',
    ownReason: 'needs a user not yet enrolled; account.test.ts covers it',
    otherReason: NO_OTHER.self,
  },
  'POST /api/v1/account/mfa/confirm': {
    roles: 'any',
    ownReason: 'needs a TOTP code of a pending enrolment; account.test.ts covers it',
    otherReason: NO_OTHER.self,
  },
  'POST /api/v1/account/mfa/disable': {
    roles: 'any',
    ownReason: 'needs the password and a TOTP code; account.test.ts covers it',
    otherReason: NO_OTHER.self,
  },
  'POST /api/v1/account/mfa/recovery-codes': {
    roles: 'any',
    ownReason: 'needs the password and a TOTP code; account.test.ts covers it',
    otherReason: NO_OTHER.self,
  },
  'GET /api/v1/account/sessions': {
    roles: 'any',
    own: () => ({ url: '/api/v1/account/sessions' }),
    other: async (c) => {
      const id = await unitBSessionId(c);
      return { url: '/api/v1/account/sessions', showsB: (res) => itemsOf(res).some((i) => i.id === id) };
    },
    reachB: [],
  },
  'DELETE /api/v1/account/sessions/:id': {
    roles: 'any',
    own: async (c, role) => ({ url: `/api/v1/account/sessions/${await secondSessionOf(c, userOf(c, role))}` }),
    other: async (c) => ({ url: `/api/v1/account/sessions/${await unitBSessionId(c)}` }),
    reachB: [],
  },
  'POST /api/v1/account/sessions/revoke-others': {
    roles: 'any',
    own: () => ({ url: '/api/v1/account/sessions/revoke-others' }),
    otherReason: NO_OTHER.self,
  },
  'GET /api/v1/account/tokens': {
    roles: 'any',
    own: () => ({ url: '/api/v1/account/tokens' }),
    other: async (c) => {
      const id = await tokenOf(c, c.w.users.unitAdminB.id);
      return { url: '/api/v1/account/tokens', showsB: (res) => itemsOf(res).some((i) => i.id === id) };
    },
    reachB: [],
  },
  'POST /api/v1/account/tokens': {
    roles: 'any',
    own: () => ({ url: '/api/v1/account/tokens', payload: { name: '矩陣權杖', scopes: ['read'], expiresInDays: 7 } }),
    otherReason: NO_OTHER.self,
  },
  'DELETE /api/v1/account/tokens/:id': {
    roles: 'any',
    own: async (c, role) => ({ url: `/api/v1/account/tokens/${await tokenOf(c, userOf(c, role))}` }),
    other: async (c) => ({ url: `/api/v1/account/tokens/${await tokenOf(c, c.w.users.unitAdminB.id)}` }),
    reachB: [],
  },
};
