import { randomUUID } from 'node:crypto';
import { ROLES, type Role } from '@custodian/shared';
import { apiTokens } from '../../db/schema/index.js';
import { makeWorld } from '../../db/factories.js';
import { makeRegistryWorld } from '../../db/registry-factories.js';
import { sha256Hex } from '../../lib/crypto.js';
import { loginAs, type TestApp } from '../helpers.js';
import { ROLE_USERS, type MatrixContext } from './common.js';

/**
 * The matrix's world: unit A (the unit roles' own, the auditor's assigned and the owner's
 * supervised unit) and unit B (outside every scope but the Ministry admin's), each with a
 * contract, system, host, contact and allocation, users, and an audit event of unit B.
 * Other kinds of record (renewals, qualifications, attachments, import jobs, sessions,
 * tokens) are made by the probes that need them. Also returns a read-only API token of the
 * Ministry's admin.
 */
export async function makeMatrixContext(t: TestApp): Promise<{ c: MatrixContext; readToken: string }> {
  const w = await makeWorld(t.db.db);
  const sessions = {} as Record<Role, Record<string, string>>;
  for (const role of ROLES) {
    sessions[role] = await loginAs(t, w.users[ROLE_USERS[role]].id);
  }
  const unitAdminB = await loginAs(t, w.users.unitAdminB.id);
  const registry = await makeRegistryWorld(t.db.db, w);
  const c: MatrixContext = { t, w, sessions, unitAdminB, registry };

  // An audit event of unit B, written the way users write them, for the audit-log probes.
  const res = await t.app.inject({
    method: 'PATCH',
    url: `/api/v1/systems/${registry.b.system.id}`,
    headers: unitAdminB,
    payload: { description: '乙大學的系統' },
  });
  if (res.statusCode !== 200) {
    throw new Error(`matrix fixture: unit B's audit event failed: ${res.body}`);
  }

  const readToken = `cus_${randomUUID().replaceAll('-', '')}`;
  await t.db.db.insert(apiTokens).values({
    userId: w.users.ministryAdmin.id,
    name: 'matrix read-only',
    tokenHash: sha256Hex(readToken),
    prefix: readToken.slice(0, 8),
    scopes: ['read'],
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  return { c, readToken };
}
