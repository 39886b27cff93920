/**
 * Fills a database for the registry benchmark (issue 3): UNITS units with one contract each,
 * SYSTEMS systems (with three contacts and ALLOCATIONS IPv4 allocations each, default one) and
 * HOSTS hosts linked to them, written with set-based SQL so that 100,000+ rows take seconds. Also a ministry_admin,
 * a ministry_owner (business owner of every tenth contract) and a unit_admin of unit 1, each
 * with a read-only API token.
 *
 * Usage: DATA_DIR=dir [DATABASE_URL=postgres://…] [UNITS=5000 SYSTEMS=20000 HOSTS=40000 ALLOCATIONS=1] \
 *   node --conditions=development --import tsx bench/setup-registry.ts
 * Prints one JSON line: { "tokens": {role: token}, "counts": {table: n} }.
 */
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Executor } from '../apps/server/src/db/client.js';
import { makeOrganisation, makeUser } from '../apps/server/src/db/factories.js';
import { apiTokens, users } from '../apps/server/src/db/schema/index.js';
import { sha256Hex } from '../apps/server/src/lib/crypto.js';
import { policyInForce, taipeiToday } from '../apps/server/src/lib/policy.js';

const UNITS = Number(process.env.UNITS ?? '5000');
const SYSTEMS = Number(process.env.SYSTEMS ?? '20000');
const HOSTS = Number(process.env.HOSTS ?? '40000');
const ALLOCATIONS = Number(process.env.ALLOCATIONS ?? '1');

async function tokenFor(db: Executor, userId: string): Promise<string> {
  const token = `cus_${randomBytes(32).toString('base64url')}`;
  await db.insert(apiTokens).values({
    userId,
    name: 'benchmark',
    tokenHash: sha256Hex(token),
    prefix: token.slice(0, 8),
    scopes: ['read'],
    expiresAt: new Date(Date.now() + 24 * 3_600_000),
  });
  return token;
}

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = process.env.DATA_DIR;
  if (!databaseUrl && !dataDir) {
    throw new Error('Set DATA_DIR (PGlite) or DATABASE_URL (PostgreSQL)');
  }
  const handle = await openDatabase({ databaseUrl, pgliteDir: databaseUrl ? undefined : dataDir });
  try {
    await handle.migrate();
    const db = handle.db;
    const ministry = await makeOrganisation(db, { kind: 'ministry', code: 'MOE', name: '教育部' });
    const division = await makeOrganisation(db, {
      kind: 'division',
      code: 'MOE-DIT',
      name: '資訊及科技教育司',
      parentId: ministry.id,
    });
    const admin = await makeUser(db, { orgId: ministry.id, role: 'ministry_admin', email: 'bench-admin@moe.gov.tw' });
    const owner = await makeUser(db, { orgId: division.id, role: 'ministry_owner', email: 'bench-owner@moe.gov.tw' });
    const now = new Date();
    // Ministry roles need MFA before their tokens are accepted; the load never signs in.
    await db.update(users).set({ mfaEnabledAt: now }).where(eq(users.id, admin.id));
    await db.update(users).set({ mfaEnabledAt: now }).where(eq(users.id, owner.id));
    const policy = await policyInForce(db, taipeiToday(new Date()));
    const missing = policy.rules.contractClauses.filter((c) => c.required).map((c) => c.code);

    await db.transaction(async (tx) => {
      await tx.execute(sql`
        insert into organisations (kind, unit_type, code, name, parent_id)
        select 'unit', 'school', 'U' || lpad(n::text, 5, '0'), '國立第' || n || '高級中學', ${ministry.id}::uuid
        from generate_series(1, ${UNITS}::int) n`);
      await tx.execute(sql`
        insert into contracts (number, name, type, division_id, owner_user_id, unit_id, period_start, period_end,
          amount, policy_version_id, compliance_status, missing_clauses)
        select 'MOE-115-' || lpad(n::text, 5, '0'), '第' || n || '校 校務系統維護委辦案', 'commission', ${division.id}::uuid,
          case when n % 10 = 0 then ${owner.id}::uuid end, o.id, date '2026-01-01', date '2026-12-31', 1000000 + n,
          ${policy.id}::uuid, case when n % 3 = 0 then 'compliant' else 'non_compliant' end,
          case when n % 3 = 0 then '{}'::text[] else ${sql.param(missing)}::text[] end
        from organisations o
        join lateral (select substring(o.code from 2)::int as n) k on true
        where o.kind = 'unit'`);
      // Systems per unit, round robin: system s belongs to unit ((s - 1) % UNITS) + 1.
      await tx.execute(sql`
        insert into systems (org_id, name, kind, urls, environment, status, launch_date, protection_level,
          handles_personal_data, contacts_confirmed_at, policy_version_id)
        select o.id, '第' || u || '校 ' || (array['校務行政系統','招生網站','學習平台','圖書館系統'])[1 + (s / ${UNITS}::int) % 4] || ' ' || s,
          case when s % 2 = 0 then 'website' else 'application' end,
          array['https://sys' || s || '.u' || u || '.example.edu.tw/'],
          'production', (array['planned','pre_launch','online','online','online'])[1 + s % 5],
          date '2024-01-01' + (s % 700), (array['normal','medium','high'])[1 + s % 3], s % 4 = 0,
          case when s % 5 = 0 then null else now() - ((s % 500) || ' days')::interval end, ${policy.id}::uuid
        from generate_series(1, ${SYSTEMS}::int) s
        cross join lateral (select ((s - 1) % ${UNITS}::int) + 1 as u) k
        join organisations o on o.code = 'U' || lpad(k.u::text, 5, '0')`);
      await tx.execute(sql`
        insert into contract_systems (contract_id, system_id)
        select c.id, s.id from systems s join contracts c on c.unit_id = s.org_id`);
      await tx.execute(sql`
        insert into hosts (org_id, hostname, ips, os, role, location, site)
        select o.id, 'u' || u || '-host' || h, array['10.' || (h / 65536) % 256 || '.' || (h / 256) % 256 || '.' || h % 256],
          (array['Ubuntu 24.04','Windows Server 2022','Rocky Linux 9'])[1 + h % 3], (array['web','db','app'])[1 + h % 3],
          case when h % 4 = 0 then 'cloud' else 'on_premise' end, case when h % 4 = 0 then 'GCP asia-east1' else '校內機房' end
        from generate_series(1, ${HOSTS}::int) h
        cross join lateral (select ((h - 1) % ${UNITS}::int) + 1 as u) k
        join organisations o on o.code = 'U' || lpad(k.u::text, 5, '0')`);
      // Each host serves one system of its unit.
      await tx.execute(sql`
        insert into system_hosts (system_id, host_id)
        select distinct on (h.id) s.id, h.id
        from hosts h join systems s on s.org_id = h.org_id
        order by h.id, s.id`);
      await tx.execute(sql`
        insert into system_contacts (system_id, kind, name, organisation, phone, email)
        select s.id, k.kind, k.name, '維護廠商', '02-7736-' || lpad((row_number() over ())::text, 4, '0'),
          k.kind || '@example.edu.tw'
        from systems s cross join (values ('business_owner', '陳怡君'), ('system_owner', '林志明'),
          ('maintenance_unit', '黃建宏')) k(kind, name)`);
      await tx.execute(sql`
        insert into allocations (system_id, org_id, kind, value, network, starts_on, expires_on, policy_version_id)
        select s.id, s.org_id, 'ipv4', ip || '/32', (ip || '/32')::cidr, date '2025-01-01', date '2026-12-01' + (n % 760)::int, ${policy.id}::uuid
        from (select id, org_id, n, '172.' || (16 + (n / 65536) % 16) || '.' || (n / 256) % 256 || '.' || n % 256 as ip
              from (select id, org_id, row_number() over (order by id, k) as n
                    from systems cross join generate_series(1, ${ALLOCATIONS}::int) k) x) s`);
    });

    const [unit1] = await queryRows<{ id: string }>(db, sql`select id from organisations where code = 'U00001'`);
    if (!unit1) {
      throw new Error('unit 1 missing');
    }
    const unitAdmin = await makeUser(db, { orgId: unit1.id, role: 'unit_admin', email: 'bench-unit@example.edu.tw' });
    const tokens = {
      ministry_admin: await tokenFor(db, admin.id),
      ministry_owner: await tokenFor(db, owner.id),
      unit_admin: await tokenFor(db, unitAdmin.id),
    };
    const counts: Record<string, number> = {};
    for (const table of [
      'organisations',
      'contracts',
      'systems',
      'hosts',
      'system_hosts',
      'system_contacts',
      'allocations',
    ]) {
      const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)}`);
      counts[table] = Number(row?.n ?? 0);
    }
    await db.execute(sql`analyze`);
    process.stdout.write(`${JSON.stringify({ tokens, counts })}\n`);
  } finally {
    await handle.close();
  }
}

await main();
