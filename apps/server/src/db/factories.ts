import { randomUUID } from 'node:crypto';
import type { Role } from '@custodian/shared';
import type { Executor } from './client.js';
import { organisations, passwordHistory, userScopes, users } from './schema/index.js';
import { hashPassword } from '../lib/passwords.js';

/**
 * Row factories shared by tests, the demo seed and benchmarks. They write rows directly
 * (no audit events, no policy checks): use services for anything a user would do.
 */
type OrgKind = (typeof organisations.$inferInsert)['kind'];

export async function makeOrganisation(
  db: Executor,
  input: {
    kind: OrgKind;
    name?: string;
    code?: string;
    parentId?: string | null;
    unitType?: 'school' | 'agency' | 'company' | 'other' | null;
    nameEn?: string | null;
    responsibilityLevel?: 'A' | 'B' | 'C' | null;
  },
) {
  const suffix = randomUUID().slice(0, 8);
  const [row] = await db
    .insert(organisations)
    .values({
      kind: input.kind,
      code: input.code ?? `${input.kind}-${suffix}`,
      name: input.name ?? `${input.kind} ${suffix}`,
      nameEn: input.nameEn ?? null,
      parentId: input.parentId ?? null,
      unitType: input.kind === 'division' || input.kind === 'ministry' ? null : (input.unitType ?? 'school'),
      responsibilityLevel: input.responsibilityLevel ?? null,
    })
    .returning();
  if (!row) {
    throw new Error('organisation insert failed');
  }
  return row;
}

/** Password hashes are slow by design; factories reuse one per distinct password. */
const hashCache = new Map<string, Promise<string>>();
function cachedHash(password: string): Promise<string> {
  let cached = hashCache.get(password);
  if (!cached) {
    cached = hashPassword(password);
    hashCache.set(password, cached);
  }
  return cached;
}

export async function makeUser(
  db: Executor,
  input: { orgId: string; role: Role; email?: string; name?: string; password?: string | null; scopeOrgIds?: string[] },
) {
  const suffix = randomUUID().slice(0, 8);
  const passwordHash =
    input.password === null ? null : await cachedHash(input.password ?? 'correct horse battery staple');
  const [row] = await db
    .insert(users)
    .values({
      email: input.email ?? `${input.role}.${suffix}@example.edu.tw`,
      name: input.name ?? `${input.role} ${suffix}`,
      role: input.role,
      orgId: input.orgId,
      passwordHash,
      passwordChangedAt: passwordHash ? new Date() : null,
    })
    .returning();
  if (!row) {
    throw new Error('user insert failed');
  }
  if (passwordHash) {
    await db.insert(passwordHistory).values({ userId: row.id, passwordHash });
  }
  if (input.scopeOrgIds?.length) {
    await db.insert(userScopes).values(input.scopeOrgIds.map((orgId) => ({ userId: row.id, orgId })));
  }
  return row;
}

/** A small world: the Ministry, a division, two units (A with a vendor), and a user of every role. */
export async function makeWorld(db: Executor) {
  const ministry = await makeOrganisation(db, {
    kind: 'ministry',
    code: 'MOE',
    name: '教育部',
    nameEn: 'Ministry of Education',
  });
  const division = await makeOrganisation(db, {
    kind: 'division',
    code: 'MOE-DIT',
    name: '資訊及科技教育司',
    parentId: ministry.id,
  });
  const unitA = await makeOrganisation(db, { kind: 'unit', code: 'UNIT-A', name: '國立甲大學', parentId: ministry.id });
  const vendorA = await makeOrganisation(db, {
    kind: 'vendor',
    code: 'VENDOR-A',
    name: '甲資訊股份有限公司',
    parentId: unitA.id,
    unitType: 'company',
  });
  const unitB = await makeOrganisation(db, { kind: 'unit', code: 'UNIT-B', name: '國立乙大學', parentId: ministry.id });
  const users = {
    ministryAdmin: await makeUser(db, { orgId: ministry.id, role: 'ministry_admin', email: 'admin@moe.gov.tw' }),
    ministryOwner: await makeUser(db, {
      orgId: division.id,
      role: 'ministry_owner',
      email: 'owner@moe.gov.tw',
      scopeOrgIds: [unitA.id],
    }),
    auditor: await makeUser(db, {
      orgId: ministry.id,
      role: 'auditor',
      email: 'auditor@moe.gov.tw',
      scopeOrgIds: [unitA.id],
    }),
    unitAdminA: await makeUser(db, { orgId: unitA.id, role: 'unit_admin', email: 'admin@a.edu.tw' }),
    unitMemberA: await makeUser(db, { orgId: unitA.id, role: 'unit_member', email: 'member@a.edu.tw' }),
    vendorMemberA: await makeUser(db, { orgId: vendorA.id, role: 'unit_member', email: 'staff@vendor-a.com.tw' }),
    unitAdminB: await makeUser(db, { orgId: unitB.id, role: 'unit_admin', email: 'admin@b.edu.tw' }),
    unitMemberB: await makeUser(db, { orgId: unitB.id, role: 'unit_member', email: 'member@b.edu.tw' }),
  };
  return { orgs: { ministry, division, unitA, vendorA, unitB }, users };
}
export type World = Awaited<ReturnType<typeof makeWorld>>;
