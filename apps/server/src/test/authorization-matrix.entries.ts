import { eq } from 'drizzle-orm';
import { apiTokens, sessions } from '../db/schema/index.js';
import { makeUser } from '../db/factories.js';
import {
  AUDIT_READERS,
  MANAGERS,
  excludesUnitB,
  ownOrgId,
  unique,
  nextCounter,
  type MatrixContext,
  type MatrixEntry,
} from './matrix/common.js';
import { REGISTRY_MATRIX } from './matrix/index.js';

export type { MatrixContext, MatrixEntry, MatrixProbe, MatrixRequest } from './matrix/common.js';

/** Id of unit B's admin's session: another user's record for the account routes. */
async function unitBSessionId(c: MatrixContext): Promise<string> {
  const [row] = await c.t.db.db
    .select({ id: sessions.id })
    .from(sessions)
    .where(eq(sessions.userId, c.w.users.unitAdminB.id))
    .limit(1);
  return row?.id ?? 'missing';
}

async function unitBTokenId(c: MatrixContext): Promise<string> {
  const [row] = await c.t.db.db
    .insert(apiTokens)
    .values({
      userId: c.w.users.unitAdminB.id,
      name: 'unit B token',
      tokenHash: `matrix-${nextCounter()}`,
      prefix: 'cus_xxxx',
      scopes: ['read'],
      expiresAt: new Date(Date.now() + 86_400_000),
    })
    .returning({ id: apiTokens.id });
  return row?.id ?? 'missing';
}

export const MATRIX: Record<string, MatrixEntry> = {
  ...REGISTRY_MATRIX,
  'GET /api/health': { roles: 'public', own: () => ({ url: '/api/health' }) },
  'GET /api/openapi.json': { roles: 'public' },

  'GET /api/v1/organisations': {
    roles: 'any',
    own: () => ({ url: '/api/v1/organisations' }),
    other: (c) => ({ url: '/api/v1/organisations?pageSize=100', check: excludesUnitB(c, 'id') }),
  },
  'GET /api/v1/organisations/:id': {
    roles: 'any',
    own: (c, role) => ({ url: `/api/v1/organisations/${ownOrgId(c, role)}` }),
    other: (c) => ({ url: `/api/v1/organisations/${c.w.orgs.unitB.id}` }),
  },
  'POST /api/v1/organisations': {
    roles: MANAGERS,
    own: (c) => ({
      url: '/api/v1/organisations',
      payload: { kind: 'vendor', code: unique('V'), name: '矩陣測試廠商', parentId: c.w.orgs.unitA.id },
    }),
    other: (c) => ({
      url: '/api/v1/organisations',
      payload: { kind: 'vendor', code: unique('VB'), name: 'x', parentId: c.w.orgs.unitB.id },
    }),
  },
  'PATCH /api/v1/organisations/:id': {
    roles: MANAGERS,
    own: (c) => ({ url: `/api/v1/organisations/${c.w.orgs.vendorA.id}`, payload: { nameEn: 'Vendor A' } }),
    other: (c) => ({ url: `/api/v1/organisations/${c.w.orgs.unitB.id}`, payload: { nameEn: 'hijack' } }),
  },

  'GET /api/v1/users': {
    roles: 'any',
    own: () => ({ url: '/api/v1/users' }),
    other: (c) => ({ url: '/api/v1/users?pageSize=100', check: excludesUnitB(c, 'orgId') }),
  },
  'GET /api/v1/users/:id': {
    roles: 'any',
    own: (c) => ({ url: `/api/v1/users/${c.w.users.unitMemberA.id}` }),
    other: (c) => ({ url: `/api/v1/users/${c.w.users.unitMemberB.id}` }),
  },
  'POST /api/v1/users': {
    roles: MANAGERS,
    own: (c) => ({
      url: '/api/v1/users',
      payload: { email: `${unique('m')}@a.edu.tw`, name: '矩陣', role: 'unit_member', orgId: c.w.orgs.unitA.id },
    }),
    other: (c) => ({
      url: '/api/v1/users',
      payload: { email: `${unique('b')}@b.edu.tw`, name: 'x', role: 'unit_member', orgId: c.w.orgs.unitB.id },
    }),
  },
  'PATCH /api/v1/users/:id': {
    roles: MANAGERS,
    own: (c) => ({ url: `/api/v1/users/${c.w.users.vendorMemberA.id}`, payload: { name: '廠商人員' } }),
    other: (c) => ({ url: `/api/v1/users/${c.w.users.unitMemberB.id}`, payload: { isActive: false } }),
  },
  'POST /api/v1/users/:id/invite': {
    roles: MANAGERS,
    own: async (c) => {
      const invited = await makeUser(c.t.db.db, { orgId: c.w.orgs.vendorA.id, role: 'unit_member', password: null });
      return { url: `/api/v1/users/${invited.id}/invite` };
    },
    other: (c) => ({ url: `/api/v1/users/${c.w.users.unitAdminB.id}/invite` }),
  },

  'GET /api/v1/audit-events': {
    roles: AUDIT_READERS,
    own: () => ({ url: '/api/v1/audit-events' }),
    other: (c) => ({ url: `/api/v1/audit-events?orgId=${c.w.orgs.unitB.id}`, check: excludesUnitB(c, 'orgId') }),
  },
  'GET /api/v1/audit-events/export.csv': {
    roles: AUDIT_READERS,
    own: () => ({ url: '/api/v1/audit-events/export.csv' }),
  },
  'GET /api/v1/audit/verify': { roles: ['ministry_admin', 'auditor'], own: () => ({ url: '/api/v1/audit/verify' }) },
  'GET /api/v1/dashboard': { roles: 'any', own: () => ({ url: '/api/v1/dashboard' }) },
  // Failed jobs are the platform's, not an organisation's: no other unit's record to probe.
  'GET /api/v1/jobs/failed': { roles: ['ministry_admin'], own: () => ({ url: '/api/v1/jobs/failed' }) },

  // First-run setup and sign-in: public by nature; their own tests cover behaviour.
  'GET /api/v1/setup/status': { roles: 'public', own: () => ({ url: '/api/v1/setup/status' }) },
  'POST /api/v1/setup': { roles: 'public' },
  'POST /api/v1/auth/login': { roles: 'public' },
  'GET /api/v1/auth/invites/:token': { roles: 'public' },
  'POST /api/v1/auth/invites/:token': { roles: 'public' },
  'GET /api/v1/auth/oidc/config': { roles: 'public', own: () => ({ url: '/api/v1/auth/oidc/config' }) },
  'GET /api/v1/auth/oidc/start': { roles: 'public' },
  'GET /api/v1/auth/oidc/callback': { roles: 'public' },
  'POST /api/v1/auth/mfa': { roles: 'any' },
  // Logging out would end the matrix's sessions; login.test.ts covers it.
  'POST /api/v1/auth/logout': { roles: 'any' },
  'GET /api/v1/auth/session': { roles: 'any', own: () => ({ url: '/api/v1/auth/session' }) },

  // My account: every role, always the caller's own records.
  'GET /api/v1/account': { roles: 'any', own: () => ({ url: '/api/v1/account' }) },
  'PATCH /api/v1/account': { roles: 'any', own: () => ({ url: '/api/v1/account', payload: { dateFormat: 'iso' } }) },
  'POST /api/v1/account/password': { roles: 'any' },
  // The matrix's Ministry users are MFA-enrolled (an active session requires it), so setup would be a 409;
  // account.test.ts covers enrolment.
  'POST /api/v1/account/mfa/setup': { roles: 'any' },
  'POST /api/v1/account/mfa/confirm': { roles: 'any' },
  'POST /api/v1/account/mfa/disable': { roles: 'any' },
  'POST /api/v1/account/mfa/recovery-codes': { roles: 'any' },
  'GET /api/v1/account/sessions': { roles: 'any', own: () => ({ url: '/api/v1/account/sessions' }) },
  'DELETE /api/v1/account/sessions/:id': {
    roles: 'any',
    other: async (c) => ({ url: `/api/v1/account/sessions/${await unitBSessionId(c)}` }),
  },
  'POST /api/v1/account/sessions/revoke-others': {
    roles: 'any',
    own: () => ({ url: '/api/v1/account/sessions/revoke-others' }),
  },
  'GET /api/v1/account/tokens': { roles: 'any', own: () => ({ url: '/api/v1/account/tokens' }) },
  'POST /api/v1/account/tokens': {
    roles: 'any',
    own: () => ({ url: '/api/v1/account/tokens', payload: { name: '矩陣權杖', scopes: ['read'], expiresInDays: 7 } }),
  },
  'DELETE /api/v1/account/tokens/:id': {
    roles: 'any',
    other: async (c) => ({ url: `/api/v1/account/tokens/${await unitBTokenId(c)}` }),
  },
};
