/**
 * Bulk onboarding benchmark (issue 3): a 2,000-row XLSX (contracts, systems, hosts and
 * contacts over a few units) is previewed and committed against a fresh in-memory PGlite
 * database through the imports service, RUNS times with new names each time.
 *
 * Usage: npx tsx --conditions=development bench/import-xlsx.ts   [RUNS=5 ROWS=2000]
 * Prints one JSON line: { rows, fileBytes, runs, previewMs: {p50, max, all}, commitMs: {…} }.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { openDatabase } from '../apps/server/src/db/client.js';
import { systemClock } from '../apps/server/src/lib/clock.js';
import { makeOrganisation, makeWorld } from '../apps/server/src/db/factories.js';
import { loadConfig } from '../apps/server/src/config.js';
import { keyRingFrom } from '../apps/server/src/lib/crypto.js';
import type { AppDeps, RequestContext } from '../apps/server/src/lib/context.js';
import { MODULES } from '../apps/server/src/modules/index.js';
import { commitImport, previewImport } from '../apps/server/src/modules/imports/imports.service.js';
import { buildImportWorkbook, sampleOnboardingSheets } from '../apps/server/src/modules/imports/imports.sample.js';

const RUNS = Number(process.env.RUNS ?? '5');
const ROWS = Number(process.env.ROWS ?? '2000');
const UNIT_COUNT = 4;

function figures(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  return { p50: Math.round(at(50)), max: Math.round(sorted.at(-1) ?? 0), all: times.map((t) => Math.round(t)) };
}

/** A workbook of exactly ROWS rows: the sample plus maintenance contacts to round it up. */
async function workbookFor(prefix: string, unitCodes: string[]): Promise<{ buffer: Buffer; rows: number }> {
  const sheets = sampleOnboardingSheets({ unitCodes, rows: ROWS, divisionCode: 'MOE-DIT', prefix });
  let rows = Object.values(sheets).reduce((n, list) => n + list.length, 0);
  for (let i = 1; rows < ROWS; i += 1, rows += 1) {
    sheets.contacts.push({
      unitCode: unitCodes[(i - 1) % unitCodes.length] ?? '',
      systemName: `${prefix} 系統 ${i}`,
      kind: '維護單位',
      name: '張維護',
      organisation: '資訊股份有限公司',
      phone: '02-2345-6789',
      email: `vendor${i}@example.com.tw`,
    });
  }
  return { buffer: await buildImportWorkbook(sheets), rows };
}

async function main(): Promise<void> {
  const handle = await openDatabase({});
  await handle.migrate();
  try {
    const w = await makeWorld(handle.db);
    const unitCodes = ['UNIT-A', 'UNIT-B'];
    for (let u = unitCodes.length + 1; u <= UNIT_COUNT; u += 1) {
      const unit = await makeOrganisation(handle.db, {
        kind: 'unit',
        code: `BENCH-${u}`,
        name: `國立第${u}大學`,
        parentId: w.orgs.ministry.id,
      });
      unitCodes.push(unit.code);
    }
    const deps: AppDeps = {
      db: handle.db,
      driver: handle.driver,
      config: loadConfig({ DATA_DIR: '/tmp/custodian-bench-unused', PUBLIC_URL: 'http://127.0.0.1:8080' }),
      keys: keyRingFrom(randomBytes(32)),
      mailer: { isConfigured: false, send: async () => undefined, close: () => undefined },
      log: pino({ level: 'silent' }),
      modules: MODULES,
      clock: systemClock,
    };
    const admin = w.users.ministryAdmin;
    const ctx: RequestContext = {
      actor: {
        userId: admin.id,
        email: admin.email,
        name: admin.name,
        role: 'ministry_admin',
        orgId: admin.orgId,
        scopeOrgIds: [],
        via: 'session',
      },
      ip: '127.0.0.1',
      userAgent: 'bench',
      requestId: null,
      locale: 'zh-TW',
      now: new Date(),
    };

    const preview: number[] = [];
    const commit: number[] = [];
    let fileBytes = 0;
    let rows = 0;
    for (let run = 1; run <= RUNS; run += 1) {
      const file = await workbookFor(`R${run}`, unitCodes);
      fileBytes = file.buffer.length;
      rows = file.rows;
      let started = performance.now();
      const job = await previewImport(deps, ctx, { buffer: file.buffer, fileName: 'bench.xlsx' });
      preview.push(performance.now() - started);
      if (job.errorCount > 0 || job.counts.systems === 0) {
        throw new Error(`benchmark file has errors: ${JSON.stringify(job.errors.items.slice(0, 5))}`);
      }
      started = performance.now();
      await commitImport(deps, ctx, job.id);
      commit.push(performance.now() - started);
      process.stderr.write(
        `  run ${run}/${RUNS}: preview ${Math.round(preview.at(-1) ?? 0)} ms, commit ${Math.round(commit.at(-1) ?? 0)} ms\n`,
      );
    }
    console.log(
      JSON.stringify({
        rows,
        fileBytes,
        runs: RUNS,
        driver: handle.driver,
        previewMs: figures(preview),
        commitMs: figures(commit),
      }),
    );
  } finally {
    await handle.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
