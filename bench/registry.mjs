#!/usr/bin/env node
// Registry benchmark (issue 3), on 127.0.0.1 only: with 5,000 units, 20,000 systems and
// 40,000 hosts (bench/setup-registry.ts), the list and search endpoints of contracts,
// systems, hosts and allocations, as the Ministry, a business owner and a unit, on PGlite
// and PostgreSQL. Target: p95 < 100 ms. Also times the 2,000-row XLSX import
// (bench/import-xlsx.ts) on PGlite when that script exists.
//
// Usage: npm run bench:registry [-- --duration 5 --connections 1 --units 5000 --systems 20000
//   --hosts 40000 --skip-pg --skip-build --skip-import --only dashboard]
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
    connections: { type: 'string', default: '1' },
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
  // The dashboard totals 10 registry lists under their cards' filters, plus its own counts.
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
  const server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: '' });
  try {
    return { setupMs, counts: seeded.counts, endpoints: await measureEndpoints('PGlite', server, seeded.tokens) };
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
    report.pglite = await benchPglite(tmp);
    if (!args['skip-pg']) {
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
  console.log('| endpoint | caller | rows | PGlite p50 / p95 (ms) | PostgreSQL p50 / p95 (ms) |');
  console.log('|---|---|---|---|---|');
  const failures = [];
  for (const e of report.pglite.endpoints.filter((x) => !x.skipped && x.connections === CONNECTIONS[0])) {
    const p = report.postgres?.endpoints.find(
      (x) => x.path === e.path && x.role === e.role && x.connections === e.connections,
    );
    console.log(
      `| ${e.name} | ${e.role} | ${e.total ?? '—'} | ${e.p50} / ${e.p95} | ${p && !p.skipped ? `${p.p50} / ${p.p95}` : 'n/a'} |`,
    );
    for (const r of [e, p]) {
      if (r && !r.skipped && r.p95 >= TARGET_P95_MS) {
        failures.push(`${r.name} [${r.role}] p95 ${r.p95} ms`);
      }
    }
  }
  if (failures.length > 0) {
    console.log(`\nAbove the ${TARGET_P95_MS} ms p95 target:\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
  } else {
    console.log(`\nEvery measured endpoint is under the ${TARGET_P95_MS} ms p95 target.`);
  }
}

await main();
