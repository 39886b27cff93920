/**
 * Fills a database for the benchmarks, before the server starts (PGlite allows one process):
 * the Ministry, divisions, units with vendors, USERS accounts written in batches with one
 * shared password hash, and a ministry_admin with a read-only personal API token.
 *
 * Usage: DATA_DIR=dir [DATABASE_URL=postgres://…] [USERS=10000] \
 *   node --conditions=development --import tsx bench/setup-db.ts
 * Prints one JSON line: { "token": "cus_…", "users": n, "organisations": n }.
 */
import { randomBytes } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { openDatabase } from '../apps/server/src/db/client.js';
import { makeOrganisation, makeUser } from '../apps/server/src/db/factories.js';
import { apiTokens, users } from '../apps/server/src/db/schema/index.js';
import { sha256Hex } from '../apps/server/src/lib/crypto.js';
import { hashPassword } from '../apps/server/src/lib/passwords.js';

const USER_COUNT = Number(process.env.USERS ?? '10000');
const UNIT_COUNT = 40;
const BATCH = 500;

const SURNAMES = ['陳', '林', '黃', '張', '李', '王', '吳', '劉', '蔡', '楊', '許', '鄭', '謝', '郭', '洪', '曾'];
const GIVEN = ['家', '志', '怡', '俊', '雅', '冠', '宗', '淑', '建', '美', '信', '婷', '文', '明', '佳', '育'];

/** A deterministic, realistic-looking Chinese name for user number i. */
function nameFor(i: number): string {
  const s = SURNAMES[i % SURNAMES.length] ?? '陳';
  const g1 = GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length] ?? '家';
  const g2 = GIVEN[Math.floor(i / (SURNAMES.length * GIVEN.length)) % GIVEN.length] ?? '明';
  return `${s}${g1}${g2}`;
}

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  const dataDir = process.env.DATA_DIR;
  if (!databaseUrl && !dataDir) {
    throw new Error('Set DATA_DIR (PGlite) or DATABASE_URL (PostgreSQL)');
  }
  const handle = await openDatabase({ databaseUrl, pgliteDir: databaseUrl ? undefined : dataDir });
  try {
    await handle.migrate();
    const db = handle.db;
    const ministry = await makeOrganisation(db, { kind: 'ministry', code: 'MOE', name: '教育部' });
    for (const [code, name] of [
      ['MOE-DIT', '資訊及科技教育司'],
      ['MOE-HE', '高等教育司'],
    ] as const) {
      await makeOrganisation(db, { kind: 'division', code, name, parentId: ministry.id });
    }
    const orgIds: string[] = [];
    for (let u = 1; u <= UNIT_COUNT; u += 1) {
      const unit = await makeOrganisation(db, {
        kind: 'unit',
        code: `UNIT-${u}`,
        name: `國立第${u}大學`,
        parentId: ministry.id,
      });
      const vendor = await makeOrganisation(db, {
        kind: 'vendor',
        code: `VENDOR-${u}`,
        name: `第${u}資訊股份有限公司`,
        parentId: unit.id,
        unitType: 'company',
      });
      orgIds.push(unit.id, vendor.id);
    }

    // One Argon2id hash for every account: the benchmark measures reads, not hashing.
    const passwordHash = await hashPassword('bench password 1234');
    const now = new Date();
    for (let start = 0; start < USER_COUNT; start += BATCH) {
      const rows: (typeof users.$inferInsert)[] = [];
      for (let i = start; i < Math.min(start + BATCH, USER_COUNT); i += 1) {
        const orgIndex = i % orgIds.length;
        rows.push({
          email: `user${i}@org${orgIndex}.example.edu.tw`,
          name: nameFor(i),
          role: i % 10 === 0 ? 'unit_admin' : 'unit_member',
          orgId: orgIds[orgIndex] ?? ministry.id,
          passwordHash,
          passwordChangedAt: now,
        });
      }
      await db.insert(users).values(rows);
    }

    const admin = await makeUser(db, {
      orgId: ministry.id,
      role: 'ministry_admin',
      email: 'bench-admin@moe.gov.tw',
      name: '效能測試管理者',
    });
    // Ministry roles need MFA before their tokens are accepted; the load never signs in.
    await db.update(users).set({ mfaEnabledAt: now }).where(eq(users.id, admin.id));
    const token = `cus_${randomBytes(32).toString('base64url')}`;
    await db.insert(apiTokens).values({
      userId: admin.id,
      name: 'benchmark',
      tokenHash: sha256Hex(token),
      prefix: token.slice(0, 8),
      scopes: ['read'],
      expiresAt: new Date(Date.now() + 24 * 3_600_000),
    });
    const [totals] = await db.select({ n: count() }).from(users);
    process.stdout.write(
      `${JSON.stringify({ token, users: Number(totals?.n ?? 0), organisations: 3 + orgIds.length })}\n`,
    );
  } finally {
    await handle.close();
  }
}

await main();
