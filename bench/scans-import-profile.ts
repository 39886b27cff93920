/**
 * Where an import's time and memory go (issue 9): the phases of scans.import.ts run one by one
 * in this process, on PGlite (a fresh data directory) or PostgreSQL (DATABASE_URL), over a
 * generated Nessus file: parse only, parse and stage, host matching, and the final
 * transaction's statements. After each phase: seconds, process CPU seconds, RSS and peak RSS,
 * and on PGlite the size of its WebAssembly heap (which never shrinks).
 *
 * Usage: node --conditions=development --import tsx bench/scans-import-profile.ts [MB=50]
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../apps/server/src/db/client.js';
import { makeOrganisation } from '../apps/server/src/db/factories.js';
import { makeSystem } from '../apps/server/src/db/registry-factories.js';
import { scanImports } from '../apps/server/src/db/schema/index.js';
import { parseScan } from '../apps/server/src/modules/scans/parsers/index.js';
import { STAGE_BATCH, STAGE_BATCH_CHARS, stagedFinding } from '../apps/server/src/modules/scans/scans.import.js';
import { insertScan } from '../apps/server/src/modules/scans/scans.repository.js';
import {
  classifyStage,
  deleteStage,
  markFixed,
  markVerifiedFixed,
  matchStagedHosts,
  mergeStage,
  stageFindings,
  type StagedFinding,
} from '../apps/server/src/modules/scans/scans.stage.repository.js';
import { writeNessusFile } from './scans-nessus-generate.js';

const MB = 1024 * 1024;
const mb = Number(process.env.MB ?? 50);
const batchChars = Number(process.env.BATCH_CHARS ?? STAGE_BATCH_CHARS);

let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);

type Heap = { mod?: { HEAPU8?: Uint8Array } };
let wasmHeap: () => number = () => 0;
let last = performance.now();
let lastCpu = process.cpuUsage();
function report(phase: string, extra: Record<string, unknown> = {}) {
  const now = performance.now();
  const cpu = process.cpuUsage(lastCpu);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(
    JSON.stringify({
      phase,
      seconds: Math.round(now - last) / 1000,
      cpuSeconds: Math.round((cpu.user + cpu.system) / 1000) / 1000,
      rssMb: Math.round(process.memoryUsage().rss / MB),
      peakRssMb: Math.round(peak / MB),
      wasmHeapMb: Math.round(wasmHeap() / MB),
      jsHeapMb: Math.round(process.memoryUsage().heapTotal / MB),
      arrayBuffersMb: Math.round(process.memoryUsage().arrayBuffers / MB),
      ...extra,
    }),
  );
  last = performance.now();
  lastCpu = process.cpuUsage();
}

const dir = await mkdtemp(join(tmpdir(), 'scans-profile-'));
try {
  const file = join(dir, 'scan.nessus');
  await writeNessusFile(file, mb * MB);
  report('generate the file');
  // Created and migrated first, then opened again: as a server finds its database.
  const created = await openDatabase({ databaseUrl: process.env.DATABASE_URL, pgliteDir: join(dir, 'data') });
  await created.migrate();
  await created.close();
  global.gc?.();
  report('create the database');
  const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL, pgliteDir: join(dir, 'data') });
  const pglite = handle.pglite as unknown as Heap | undefined;
  wasmHeap = () => pglite?.mod?.HEAPU8?.length ?? 0;
  report('open the database');
  await handle.migrate();
  report('migrate');
  const db = handle.db;
  const unit = await makeOrganisation(db, { kind: 'unit', code: 'P00001', name: '剖析大學' });
  const system = await makeSystem(db, { orgId: unit.id, status: 'pre_launch' });
  const [imp] = await db
    .insert(scanImports)
    .values({
      orgId: unit.id,
      systemId: system.id,
      fileName: 'scan.nessus',
      fileSize: 1,
      fileSha256: 'a'.repeat(64),
      status: 'running',
    })
    .returning();
  if (!imp) {
    throw new Error('import not inserted');
  }
  const importId = imp.id;
  report('setup');

  let n = 0;
  for await (const event of parseScan(createReadStream(file), { maxBytes: 4096 * MB })) {
    if (event.kind === 'finding') {
      stagedFinding('Nessus', event.finding);
      n += 1;
    }
  }
  report('parse + normalise only', { findings: n });

  let batch: StagedFinding[] = [];
  let chars = 0;
  for await (const event of parseScan(createReadStream(file), { maxBytes: 4096 * MB })) {
    if (event.kind === 'finding') {
      const f = stagedFinding('Nessus', event.finding);
      batch.push(f);
      chars += (f.evidence?.length ?? 0) + (f.description?.length ?? 0) + (f.solution?.length ?? 0) + 500;
      if (batch.length >= STAGE_BATCH || chars >= batchChars) {
        await stageFindings(db, importId, batch);
        batch = [];
        chars = 0;
      }
    }
  }
  await stageFindings(db, importId, batch);
  batch = [];
  report('parse + stage');
  await matchStagedHosts(db, importId, unit.id);
  report('match hosts');
  const now = new Date();
  await db.transaction(async (tx) => {
    const scanId = await insertScan(tx, {
      orgId: unit.id,
      systemId: system.id,
      importId,
      tool: 'Nessus',
      format: 'nessus',
      takenAt: now,
      fileKey: 'x',
      fileName: 'scan.nessus',
      fileSize: 1,
      fileSha256: 'a'.repeat(64),
      summary: {},
    });
    const scope = { importId, systemId: system.id, tool: 'Nessus', scanId, now, scope: [] };
    await classifyStage(tx, importId, system.id);
    await markVerifiedFixed(tx, scope);
    await markFixed(tx, scope);
    report('final: classify + mark fixed');
    await mergeStage(tx, {
      ...scope,
      orgId: unit.id,
      today: '2027-01-01',
      remediationDays: null,
      policyVersionId: '00000000-0000-0000-0000-000000000000',
    });
    report('final: merge');
  });
  report('final: commit');
  await deleteStage(db, importId);
  report('delete stage');
  const [size] = (
    (await db.execute(
      sql`select pg_total_relation_size('scan_findings')::bigint as findings, pg_total_relation_size('scan_stage')::bigint as stage`,
    )) as unknown as { rows: { findings: number; stage: number }[] }
  ).rows;
  console.log(JSON.stringify({ scanFindingsMb: Math.round(Number(size?.findings) / MB) }));
  await handle.close();
} finally {
  clearInterval(sampler);
  await rm(dir, { recursive: true, force: true });
}
