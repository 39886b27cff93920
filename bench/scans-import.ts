/**
 * Scan import benchmark (issue 9): the end-to-end import of generated multi-host Nessus files
 * (bench/scans-nessus-generate.ts) through the running server: upload over HTTP with a
 * personal API token (`wait=true`, as a CI pipeline does), stream to the file store, parse,
 * normalise, deduplicate and persist (staged in batches, merged in one final transaction).
 * Reports seconds, s/MB, findings, the server's CPU seconds and its peak RSS during the import
 * (VmHWM of the server process, reset just before the upload), its idle RSS before and its
 * start-up peak, on PGlite and on PostgreSQL.
 *
 * Usage: npm run bench:scans-import   [SIZES_MB=50,200 DRIVER=both|pglite|pg]
 *        (wrap in `flock /tmp/bench.lock` on a shared machine; run `npm run build` first)
 * Prints one JSON line per run, then a summary table.
 */
import { randomBytes } from 'node:crypto';
import { openAsBlob } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../apps/server/src/db/client.js';
import { makeOrganisation, makeUser } from '../apps/server/src/db/factories.js';
import { makeSystem } from '../apps/server/src/db/registry-factories.js';
import { apiTokens, users } from '../apps/server/src/db/schema/index.js';
import { sha256Hex } from '../apps/server/src/lib/crypto.js';
// @ts-expect-error: plain ES module without types
import { adminQuery, startServer } from './lib.mjs';
import { writeNessusFile } from './scans-nessus-generate.js';

const MB = 1024 * 1024;
const PG_ADMIN_URL = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BENCH_DB = 'custodian_bench_scans';

type Server = { url: string; pid: number; stop: () => Promise<void> };
type Run = {
  driver: string;
  mb: number;
  seconds: number;
  sPerMb: number;
  findings: number;
  /** Peak RSS of the server during the import (from the upload's start to the answer). */
  peakRssMb: number;
  /** Peak RSS of the server's start-up, before the import. */
  startPeakRssMb: number;
  /** RSS of the idle server just before the upload. */
  idleRssMb: number;
  /** CPU seconds the server's processes used during the import (user + system). */
  serverCpuSeconds: number;
  loadAverage: string;
};

/** CPU seconds (user + system) used so far by the server's processes. */
async function cpuSeconds(pid: number): Promise<number> {
  let ticks = 0;
  for (const id of await processTree(pid)) {
    const stat = await readFile(`/proc/${id}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  }
  return ticks / 100;
}

async function rssMb(pid: number): Promise<number> {
  let rss = 0;
  for (const id of await processTree(pid)) {
    const status = await readFile(`/proc/${id}/status`, 'utf8').catch(() => '');
    rss = Math.max(rss, Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 0));
  }
  return Math.round(rss / 1024);
}

/** A unit with one system, and a unit admin's write token (what a CI pipeline would hold). */
async function seed(env: { DATA_DIR: string; DATABASE_URL: string }) {
  const handle = await openDatabase({
    databaseUrl: env.DATABASE_URL || undefined,
    pgliteDir: env.DATABASE_URL ? undefined : env.DATA_DIR,
  });
  try {
    await handle.migrate();
    const db = handle.db;
    const ministry = await makeOrganisation(db, { kind: 'ministry', code: 'MOE', name: '教育部' });
    const unit = await makeOrganisation(db, {
      kind: 'unit',
      code: 'U00001',
      name: '國立範例大學',
      parentId: ministry.id,
    });
    const admin = await makeUser(db, { orgId: unit.id, role: 'unit_admin', email: 'bench-ci@u00001.edu.tw' });
    await db.update(users).set({ mfaEnabledAt: new Date() }).where(eq(users.id, admin.id));
    const system = await makeSystem(db, { orgId: unit.id, status: 'pre_launch' });
    const token = `cus_${randomBytes(32).toString('base64url')}`;
    await db.insert(apiTokens).values({
      userId: admin.id,
      name: 'benchmark CI',
      tokenHash: sha256Hex(token),
      prefix: token.slice(0, 8),
      scopes: ['read', 'write'],
      expiresAt: new Date(Date.now() + 24 * 3_600_000),
    });
    return { token, systemId: system.id };
  } finally {
    await handle.close();
  }
}

/** The process and its descendants (the CLI runs the server in a child when the build is stale). */
async function processTree(pid: number): Promise<number[]> {
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  const ids = children.split(/\s+/).filter(Boolean).map(Number);
  return [pid, ...(await Promise.all(ids.map(processTree))).flat()];
}

/**
 * Resets the peak resident memory (VmHWM) of the server's processes (Linux `clear_refs` 5), so
 * the peak read after the import is the import's, not the start-up's (a fresh PGlite database's
 * first start, which installs the job queue's schema, peaks higher than an import).
 */
async function resetPeak(pid: number): Promise<boolean> {
  let ok = true;
  for (const id of await processTree(pid)) {
    await writeFile(`/proc/${id}/clear_refs`, '5').catch(() => {
      ok = false;
    });
  }
  return ok;
}

/** Peak resident memory so far (Linux VmHWM) of the largest process of the server, in MB. */
async function peakRssMb(pid: number): Promise<number> {
  let peak = 0;
  for (const id of await processTree(pid)) {
    const status = await readFile(`/proc/${id}/status`, 'utf8').catch(() => '');
    peak = Math.max(peak, Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 0));
  }
  return Math.round(peak / 1024);
}

async function importOnce(driver: 'pglite' | 'pg', file: string, dir: string): Promise<Run> {
  let databaseUrl = '';
  if (driver === 'pg') {
    await adminQuery(PG_ADMIN_URL, `drop database if exists ${BENCH_DB} with (force)`);
    await adminQuery(PG_ADMIN_URL, `create database ${BENCH_DB}`);
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${BENCH_DB}`;
    databaseUrl = url.toString();
  }
  const env = { DATA_DIR: await mkdtemp(join(dir, `${driver}-`)), DATABASE_URL: databaseUrl };
  const { token, systemId } = await seed(env);
  const server = (await startServer({ ...env, SCAN_MAX_BYTES: String(2048 * MB) })) as Server;
  try {
    const size = (await stat(file)).size;
    const form = new FormData();
    // A file-backed Blob: the upload streams from disk, never held whole here.
    form.append('file', await openAsBlob(file), 'benchmark.nessus');
    // Let the start-up's jobs settle, then measure from a clean peak.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const startPeakRssMb = await peakRssMb(server.pid);
    const idleRssMb = await rssMb(server.pid);
    if (!(await resetPeak(server.pid))) {
      throw new Error('cannot reset the server peak RSS (/proc/PID/clear_refs)');
    }
    const cpuBefore = await cpuSeconds(server.pid);
    const started = performance.now();
    // TRACE=1: the server's resident memory every 100 ms, to see which phase grows it.
    const trace =
      process.env.TRACE === '1'
        ? setInterval(() => {
            void readFile(`/proc/${server.pid}/status`, 'utf8').then((status) => {
              const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)\\s+kB`).exec(status)?.[1] ?? 0);
              const at = ((performance.now() - started) / 1000).toFixed(2);
              console.log(
                `trace ${at} s: RSS ${Math.round(kb('VmRSS') / 1024)} MB, peak ${Math.round(kb('VmHWM') / 1024)} MB`,
              );
            });
          }, 100)
        : undefined;
    const response = await fetch(`${server.url}/api/v1/scans/imports?systemId=${systemId}&wait=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    const body = (await response.json()) as {
      status?: string;
      findingsParsed?: number;
      scan?: { findingCount: number };
    };
    const seconds = (performance.now() - started) / 1000;
    clearInterval(trace);
    if (response.status !== 201 || body.status !== 'completed') {
      throw new Error(`import answered ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
    }
    const run: Run = {
      driver,
      mb: Math.round((size / MB) * 10) / 10,
      seconds: Math.round(seconds * 100) / 100,
      sPerMb: Math.round((seconds / (size / MB)) * 10000) / 10000,
      findings: body.scan?.findingCount ?? body.findingsParsed ?? 0,
      peakRssMb: await peakRssMb(server.pid),
      startPeakRssMb,
      idleRssMb,
      serverCpuSeconds: Math.round(((await cpuSeconds(server.pid)) - cpuBefore) * 100) / 100,
      loadAverage: loadavg()
        .map((l) => l.toFixed(2))
        .join(' '),
    };
    console.log(JSON.stringify(run));
    return run;
  } finally {
    await server.stop();
    await rm(env.DATA_DIR, { recursive: true, force: true });
    if (driver === 'pg') {
      await adminQuery(PG_ADMIN_URL, `drop database if exists ${BENCH_DB} with (force)`);
    }
  }
}

async function main() {
  const sizes = (process.env.SIZES_MB ?? '50,200').split(',').map(Number);
  const driverArg = process.env.DRIVER ?? 'both';
  const drivers: ('pglite' | 'pg')[] = driverArg === 'both' ? ['pglite', 'pg'] : [driverArg as 'pglite' | 'pg'];
  const dir = await mkdtemp(join(tmpdir(), 'scans-import-bench-'));
  const runs: Run[] = [];
  try {
    for (const mb of sizes) {
      const file = join(dir, `scan-${mb}mb.nessus`);
      const written = await writeNessusFile(file, mb * MB);
      console.log(`generated ${mb} MB: ${written.hosts} hosts, ${written.items} ReportItems`);
      for (const driver of drivers) {
        runs.push(await importOnce(driver, file, dir));
      }
      await rm(file, { force: true });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  console.log(
    `\nload average at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    '| driver | MB | seconds | s/MB | findings | server CPU s | peak RSS during import (MB) | idle RSS before (MB) | start-up peak RSS (MB) | load average |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of runs) {
    console.log(
      `| ${r.driver} | ${r.mb} | ${r.seconds} | ${r.sPerMb} | ${r.findings} | ${r.serverCpuSeconds} | ${r.peakRssMb} | ${r.idleRssMb} | ${r.startPeakRssMb} | ${r.loadAverage} |`,
    );
  }
}

await main();
