#!/usr/bin/env node
// Registry benchmark (issue 3), on 127.0.0.1 only: with 5,000 units, 20,000 systems and
// 40,000 hosts (bench/setup-registry.ts), the list and search endpoints of contracts,
// systems, hosts and allocations, as the Ministry, a business owner and a unit, on PGlite
// and PostgreSQL, at 1 and 10 concurrent connections. Also times the 2,000-row XLSX import
// (bench/import-xlsx.ts) on PGlite when that script exists, and PGlite's cold start (server
// process start to the first healthy answer) on the generated data directory.
//
// Targets (issues 3 and 12): at 1 connection p95 < 100 ms everywhere; at 10 connections,
// PostgreSQL p95 < 100 ms, and PGlite p95 <= 2 x p50 with every list's p95 < 300 ms.
//
// Usage: npm run bench:registry [-- --duration 5 --connections 1,10 --driver pg|pglite|both
//   --units 5000 --systems 20000 --hosts 40000 --cold-starts 3 --skip-build --skip-import
//   --only dashboard]   (--skip-pg is --driver pglite)
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import {
  CLI,
  RESULTS_DIR,
  ROOT,
  adminQuery,
  build,
  load,
  loadAverage,
  percentile,
  reportHeader,
  run,
  startServer,
} from './lib.mjs';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    connections: { type: 'string', default: '1,10' },
    driver: { type: 'string', default: 'both' },
    'cold-starts': { type: 'string', default: '3' },
    units: { type: 'string', default: '5000' },
    systems: { type: 'string', default: '20000' },
    hosts: { type: 'string', default: '40000' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    'skip-pg': { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
    'skip-import': { type: 'boolean', default: false },
    /** Only the endpoints whose label contains this text. */
    only: { type: 'string', default: '' },
  },
});
const DURATION = Number(args.duration);
const WARMUP = Number(args.warmup);
const CONNECTIONS = args.connections.split(',').map(Number);
const BENCH_DB = 'custodian_bench_registry';
const TARGET_P95_MS = 100;
const PGLITE_LIST_P95_MS = 300;
const DRIVERS = args['skip-pg'] ? ['pglite'] : args.driver === 'both' ? ['pglite', 'pg'] : [args.driver];
if (!DRIVERS.every((d) => d === 'pg' || d === 'pglite')) {
  throw new Error(`--driver must be pg, pglite or both, not ${args.driver}`);
}

/** [label, role whose token is used, path]. Search terms hit real rows of the generated data. */
const ENDPOINTS = [
  ['contracts list', 'ministry_admin', '/api/v1/contracts'],
  ['contracts search', 'ministry_admin', '/api/v1/contracts?q=MOE-115-0424'],
  ['contracts non-compliant', 'ministry_admin', '/api/v1/contracts?complianceStatus=non_compliant'],
  ['contracts (business owner)', 'ministry_owner', '/api/v1/contracts'],
  ['systems list', 'ministry_admin', '/api/v1/systems'],
  ['systems search', 'ministry_admin', '/api/v1/systems?q=%E6%8B%9B%E7%94%9F'],
  ['systems contacts overdue', 'ministry_admin', '/api/v1/systems?contactsOverdue=true'],
  ['systems online + high', 'ministry_admin', '/api/v1/systems?status=online&protectionLevel=high'],
  ['systems (business owner)', 'ministry_owner', '/api/v1/systems'],
  ['systems (unit)', 'unit_admin', '/api/v1/systems'],
  ['hosts list', 'ministry_admin', '/api/v1/hosts'],
  ['hosts search by name', 'ministry_admin', '/api/v1/hosts?q=u4242-'],
  ['hosts search by IP', 'ministry_admin', '/api/v1/hosts?q=10.0.1.'],
  ['hosts (unit)', 'unit_admin', '/api/v1/hosts'],
  ['allocations list', 'ministry_admin', '/api/v1/allocations'],
  ['allocations search', 'ministry_admin', '/api/v1/allocations?q=172.16.3.'],
  ['allocations expiring', 'ministry_admin', '/api/v1/allocations?expiringWithinDays=365'],
  // The dashboard sums its snapshot's 10 card counts over the caller's scope (ADR 0025), plus its own
  // live counts. The data is written with SQL, so the probe (or the start-up job) builds the snapshot.
  ['dashboard', 'ministry_admin', '/api/v1/dashboard'],
  ['dashboard (business owner)', 'ministry_owner', '/api/v1/dashboard'],
  ['dashboard (unit)', 'unit_admin', '/api/v1/dashboard'],
];

function setupDb(env) {
  const out = run(process.execPath, ['--conditions=development', '--import', 'tsx', 'bench/setup-registry.ts'], {
    ...env,
    UNITS: args.units,
    SYSTEMS: args.systems,
    HOSTS: args.hosts,
  });
  return JSON.parse(out.trim().split('\n').pop());
}

async function measureEndpoints(label, server, tokens) {
  const results = [];
  for (const [name, role, path] of ENDPOINTS.filter(([label]) => label.includes(args.only))) {
    const url = `${server.url}${path}`;
    const probe = await fetch(url, { headers: { authorization: `Bearer ${tokens[role]}` } });
    const body = await probe.json();
    if (probe.status !== 200) {
      console.log(`  ${label}: ${name} answered ${probe.status} (${body?.error?.code ?? ''}); skipped`);
      results.push({ name, role, path, status: probe.status, skipped: true });
      continue;
    }
    await load(url, tokens[role], { seconds: WARMUP, connections: Math.max(...CONNECTIONS) });
    for (const connections of CONNECTIONS) {
      const { result, latencies } = await load(url, tokens[role], { seconds: DURATION, connections });
      const sorted = latencies.sort((a, b) => a - b);
      const figures = {
        name,
        role,
        path,
        total: body.total ?? null,
        connections,
        requests: sorted.length,
        p50: +percentile(sorted, 50).toFixed(2),
        p95: +percentile(sorted, 95).toFixed(2),
        max: +sorted[sorted.length - 1].toFixed(2),
        non2xx: result.non2xx,
      };
      console.log(
        `  ${label}: ${name} [${role}] total=${body.total ?? '-'}, ${connections} conn: p50 ${figures.p50} ms, p95 ${figures.p95} ms (${figures.requests} req, non-2xx ${figures.non2xx})`,
      );
      results.push(figures);
    }
  }
  return results;
}

async function benchPglite(tmp) {
  const dataDir = join(tmp, 'pglite-data');
  console.log(`PGlite: generating the registry in ${dataDir}`);
  const started = performance.now();
  const seeded = setupDb({ DATA_DIR: dataDir, DATABASE_URL: '' });
  const setupMs = Math.round(performance.now() - started);
  console.log(`  generated in ${setupMs} ms: ${JSON.stringify(seeded.counts)}`);
  // Cold start on the existing data directory: process start to the first healthy answer.
  const coldStartsMs = [];
  for (let i = 0; i < Number(args['cold-starts']); i += 1) {
    const probe = await startServer({ DATA_DIR: dataDir, DATABASE_URL: '' });
    coldStartsMs.push(Math.round(probe.ms));
    await probe.stop();
  }
  if (coldStartsMs.length > 0) {
    console.log(`  cold start to healthy: ${coldStartsMs.join(', ')} ms`);
  }
  const server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: '' });
  try {
    return {
      setupMs,
      coldStartsMs,
      counts: seeded.counts,
      endpoints: await measureEndpoints('PGlite', server, seeded.tokens),
    };
  } finally {
    await server.stop();
  }
}

async function benchPostgres(tmp) {
  const adminUrl = args['pg-url'];
  const url = new URL(adminUrl);
  url.pathname = `/${BENCH_DB}`;
  const dbUrl = url.toString();
  await adminQuery(adminUrl, `drop database if exists ${BENCH_DB} with (force)`);
  await adminQuery(adminUrl, `create database ${BENCH_DB}`);
  try {
    const version = (await adminQuery(adminUrl, 'show server_version')).rows[0].server_version;
    const env = { DATA_DIR: join(tmp, 'pg-data'), DATABASE_URL: dbUrl };
    console.log(`PostgreSQL ${version}: generating the registry`);
    const started = performance.now();
    const seeded = setupDb(env);
    const setupMs = Math.round(performance.now() - started);
    console.log(`  generated in ${setupMs} ms: ${JSON.stringify(seeded.counts)}`);
    const server = await startServer(env);
    try {
      return {
        version,
        setupMs,
        counts: seeded.counts,
        endpoints: await measureEndpoints('PostgreSQL', server, seeded.tokens),
      };
    } finally {
      await server.stop();
    }
  } finally {
    await adminQuery(adminUrl, `drop database if exists ${BENCH_DB} with (force)`);
  }
}

function benchImport() {
  const script = join(ROOT, 'bench', 'import-xlsx.ts');
  if (args['skip-import'] || !existsSync(script)) {
    return undefined;
  }
  console.log('Import: 2,000-row XLSX preview and commit on PGlite');
  const out = run(process.execPath, ['--conditions=development', '--import', 'tsx', script]);
  const result = JSON.parse(out.trim().split('\n').pop());
  console.log(`  ${JSON.stringify(result)}`);
  return result;
}

async function main() {
  const buildCommand = args['skip-build'] ? 'skipped' : build();
  const tmp = mkdtempSync(join(tmpdir(), 'custodian-bench-registry-'));
  const report = {
    ...reportHeader(),
    method: { build: buildCommand, durationS: DURATION, warmupS: WARMUP, connections: CONNECTIONS, cli: CLI },
  };
  try {
    if (DRIVERS.includes('pglite')) {
      report.pglite = await benchPglite(tmp);
    }
    if (DRIVERS.includes('pg')) {
      report.postgres = await benchPostgres(tmp);
    }
    report.import = benchImport();
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  report.machine.loadAverageAtEnd = loadAverage();
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `registry-${report.date.replaceAll(':', '-').slice(0, 19)}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nResults written to ${file}\n`);
  const header = ['endpoint', 'caller', 'rows'];
  const runs = [];
  for (const [label, part] of [
    ['PGlite', report.pglite],
    ['PostgreSQL', report.postgres],
  ]) {
    for (const connections of CONNECTIONS) {
      if (part) {
        header.push(`${label} ${connections} conn p50 / p95 (ms)`);
        runs.push({ label, part, connections });
      }
    }
  }
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  const failures = [];
  const endpoints = (report.pglite ?? report.postgres).endpoints.filter(
    (x) => !x.skipped && x.connections === CONNECTIONS[0],
  );
  for (const e of endpoints) {
    const cells = [e.name, e.role, e.total ?? '—'];
    for (const { label, part, connections } of runs) {
      const r = part.endpoints.find((x) => x.path === e.path && x.role === e.role && x.connections === connections);
      cells.push(r && !r.skipped ? `${r.p50} / ${r.p95}` : 'n/a');
      if (!r || r.skipped) {
        continue;
      }
      const where = `${label}, ${connections} conn: ${r.name} [${r.role}]`;
      if (connections === 1 || label === 'PostgreSQL') {
        if (r.p95 >= TARGET_P95_MS) {
          failures.push(`${where} p95 ${r.p95} ms >= ${TARGET_P95_MS} ms`);
        }
      } else {
        if (r.p95 > 2 * r.p50) {
          failures.push(`${where} p95 ${r.p95} ms > 2 x p50 (${r.p50} ms)`);
        }
        if (!r.path.includes('dashboard') && r.p95 >= PGLITE_LIST_P95_MS) {
          failures.push(`${where} p95 ${r.p95} ms >= ${PGLITE_LIST_P95_MS} ms`);
        }
      }
    }
    console.log(`| ${cells.join(' | ')} |`);
  }
  if (report.pglite?.coldStartsMs?.length) {
    console.log(
      `\nPGlite cold start to healthy (existing data directory): ${report.pglite.coldStartsMs.join(', ')} ms`,
    );
  }
  console.log(`Load average at the end: ${report.machine.loadAverageAtEnd.join(', ')}`);
  if (failures.length > 0) {
    console.log(`\nMissed targets:\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
  } else {
    console.log('\nEvery measured endpoint meets its target.');
  }
}

await main();
