/**
 * Prepares bench/import-memory.mjs (issue 8, finding 4): a PGlite data directory with the
 * test world (the Ministry, division MOE-DIT, units UNIT-A, UNIT-B, BENCH-3, BENCH-4) and a
 * ministry_admin with a read-write API token, and the two workbooks it uploads:
 *   - hostile.xlsx: one valid contract whose Notes cell is a 60,000,000-character shared string;
 *   - text-30m.xlsx: the same with 30,000,000 characters, which fits the limit of one entry,
 *     so the pre-check inflates and scans it until the text is too long;
 *   - rows-20000.xlsx: a legitimate 20,000-row onboarding file (contracts, systems, hosts, contacts).
 *
 * Usage: DATA_DIR=dir OUT_DIR=dir node --conditions=development --import tsx bench/setup-import-memory.ts
 * Prints one JSON line: { token, files: { hostile, halfHostile, legit: { path, bytes, … } } }.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { IMPORT_LIMITS } from '@custodian/shared';
import { openDatabase } from '../apps/server/src/db/client.js';
import { makeOrganisation, makeWorld } from '../apps/server/src/db/factories.js';
import { apiTokens, users } from '../apps/server/src/db/schema/index.js';
import { sha256Hex } from '../apps/server/src/lib/crypto.js';
import { buildImportWorkbook, sampleOnboardingSheets } from '../apps/server/src/modules/imports/imports.sample.js';
import { buildNotesWorkbook } from '../apps/server/src/test/import-samples.js';

const HOSTILE_CHARS = 60_000_000;
const HALF_HOSTILE_CHARS = 30_000_000;

async function main(): Promise<void> {
  const dataDir = process.env.DATA_DIR;
  const outDir = process.env.OUT_DIR;
  if (!dataDir || !outDir) {
    throw new Error('Set DATA_DIR and OUT_DIR');
  }
  const handle = await openDatabase({ pgliteDir: dataDir });
  let token: string;
  const unitCodes = ['UNIT-A', 'UNIT-B'];
  try {
    await handle.migrate();
    const w = await makeWorld(handle.db);
    for (const u of [3, 4]) {
      const unit = await makeOrganisation(handle.db, {
        kind: 'unit',
        code: `BENCH-${u}`,
        name: `國立第${u}大學`,
        parentId: w.orgs.ministry.id,
      });
      unitCodes.push(unit.code);
    }
    const admin = w.users.ministryAdmin;
    // Ministry roles need MFA before their tokens are accepted; the benchmark never signs in.
    await handle.db.update(users).set({ mfaEnabledAt: new Date() }).where(eq(users.id, admin.id));
    token = `cus_${randomBytes(32).toString('base64url')}`;
    await handle.db.insert(apiTokens).values({
      userId: admin.id,
      name: 'import-memory benchmark',
      tokenHash: sha256Hex(token),
      prefix: token.slice(0, 8),
      scopes: ['read', 'write'],
      expiresAt: new Date(Date.now() + 24 * 3_600_000),
    });
  } finally {
    await handle.close();
  }

  const hostile = await buildNotesWorkbook(Buffer.alloc(HOSTILE_CHARS, 'A'));
  const halfHostile = await buildNotesWorkbook(Buffer.alloc(HALF_HOSTILE_CHARS, 'A'));
  // Four units: one contract each and 4,999 systems with a host and two contacts: 20,000 rows.
  const sheets = sampleOnboardingSheets({
    unitCodes,
    rows: IMPORT_LIMITS.maxRows,
    divisionCode: 'MOE-DIT',
    prefix: 'MEM',
  });
  const rows = Object.values(sheets).reduce((n, list) => n + list.length, 0);
  const legit = await buildImportWorkbook(sheets);
  const files = {
    hostile: { path: join(outDir, 'hostile.xlsx'), bytes: hostile.length, chars: HOSTILE_CHARS },
    halfHostile: { path: join(outDir, 'text-30m.xlsx'), bytes: halfHostile.length, chars: HALF_HOSTILE_CHARS },
    legit: { path: join(outDir, `rows-${rows}.xlsx`), bytes: legit.length, rows },
  };
  writeFileSync(files.hostile.path, hostile);
  writeFileSync(files.halfHostile.path, halfHostile);
  writeFileSync(files.legit.path, legit);
  process.stdout.write(`${JSON.stringify({ token, files })}\n`);
}

await main();
