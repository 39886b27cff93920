#!/usr/bin/env node
// Findings-list benchmark (issue 9), on 127.0.0.1 only. bench/setup-registry.ts fills 5,000
// units, 20,000 systems and 40,000 hosts; bench/setup-findings.ts then fills 80,000 scans and
// 1,000,000 findings (50 per system) with set-based SQL. The built server is started and
// the findings list is loaded with each of its filters (system, unit, severity, state,
// overdue, CVE, tool, text search, a combination, a deeper page), as the Ministry, a unit and
// a business owner, and the charts (GET /scans/stats), on PGlite and PostgreSQL, at 1 and 10
// concurrent connections (autocannon, as bench/registry.mjs).
//
// Target (issue 9): every findings-list request at p95 < 100 ms. The charts are reported only.
//
// Usage: npm run bench:findings [-- --duration 3 --connections 1,10 --driver pg|pglite|both
//   --systems 20000 --per-system 50 --skip-build --only severity]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import {
  RESULTS_DIR,
  adminQuery,
  build,
  load,
  loadAverage,
  percentile,
  reportHeader,
  run,
  startServer,
} from './lib.mjs';
import autocannon from 'autocannon';

/** A fixed number of requests (the charts take seconds each, too long for a timed run). */
function loadAmount(url, token, { amount, connections }) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    const instance = autocannon(
      { url, connections, amount, timeout: 120, headers: { authorization: `Bearer ${token}` } },
      (err, result) => (err ? reject(err) : resolve({ result, latencies })),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '1' },
    connections: { type: 'string', default: '1,10' },
    driver: { type: 'string', default: 'both' },
    units: { type: 'string', default: '5000' },
    systems: { type: 'string', default: '20000' },
    hosts: { type: 'string', default: '40000' },
    'per-system': { type: 'string', default: '50' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    'bench-db': { type: 'string', default: 'custodian_bench_findings' },
    'skip-build': { type: 'boolean', default: false },
    /** Only the endpoints whose label contains one of these comma-separated texts. */
    only: { type: 'string', default: '' },
  },
});
const DURATION = Number(args.duration);
const WARMUP = Number(args.warmup);
const CONNECTIONS = args.connections.split(',').map(Number);
const BENCH_DB = args['bench-db'];
const TARGET_P95_MS = 100;
const DRIVERS = args.driver === 'both' ? ['pglite', 'pg'] : [args.driver];
if (!DRIVERS.every((d) => d === 'pg' || d === 'pglite')) {
  throw new Error(`--driver must be pg, pglite or both, not ${args.driver}`);
}

/** [label, role, path] for the generated data's sample system, unit, CVE and rule. */
function endpoints(sample) {
  const list = '/api/v1/scans/findings';
  return [
    ['list (no filter)', 'ministry_admin', list],
    ['system', 'ministry_admin', `${list}?systemId=${sample.systemId}`],
    ['unit', 'ministry_admin', `${list}?orgId=${sample.orgId}`],
    ['severity critical', 'ministry_admin', `${list}?severity=critical`],
    ['severity low', 'ministry_admin', `${list}?severity=low`],
    ['state open', 'ministry_admin', `${list}?state=open`],
    ['state false positive', 'ministry_admin', `${list}?state=false_positive`],
    ['overdue', 'ministry_admin', `${list}?overdue=true`],
    ['not overdue', 'ministry_admin', `${list}?overdue=false`],
    ['CVE shared (log4j, 33k)', 'ministry_admin', `${list}?cve=CVE-2021-44228`],
    ['CVE rare', 'ministry_admin', `${list}?cve=${sample.rareCve}`],
    ['tool Nessus', 'ministry_admin', `${list}?tool=Nessus`],
    ['tool Burp Suite', 'ministry_admin', `${list}?tool=Burp%20Suite`],
    ['search title (OpenSSL)', 'ministry_admin', `${list}?q=OpenSSL`],
    ['search rule id', 'ministry_admin', `${list}?q=${encodeURIComponent(sample.ruleId)}`],
    ['search no match', 'ministry_admin', `${list}?q=zzqx-nothing`],
    ['high + open + overdue', 'ministry_admin', `${list}?severity=high&state=open&overdue=true`],
    ['Nessus + critical + open', 'ministry_admin', `${list}?tool=Nessus&severity=critical&state=open`],
    ['page 50', 'ministry_admin', `${list}?page=50`],
    ['page 500', 'ministry_admin', `${list}?page=500`],
    ['unit admin (own unit)', 'unit_admin', list],
    ['unit admin, open', 'unit_admin', `${list}?state=open`],
    ['business owner', 'ministry_owner', list],
    ['business owner, critical', 'ministry_owner', `${list}?severity=critical`],
    ['charts (Ministry-wide)', 'ministry_admin', '/api/v1/scans/stats'],
    ['charts (unit)', 'ministry_admin', `/api/v1/scans/stats?orgId=${sample.orgId}`],
    ['charts (system)', 'ministry_admin', `/api/v1/scans/stats?systemId=${sample.systemId}`],
    ['charts (unit admin)', 'unit_admin', '/api/v1/scans/stats'],
  ];
}

const tsx = (script, env) =>
  JSON.parse(
    run(process.execPath, ['--conditions=development', '--import', 'tsx', script], env).trim().split('\n').pop(),
  );

function setupDb(env) {
  const started = performance.now();
  const registry = tsx('bench/setup-registry.ts', {
    ...env,
    UNITS: args.units,
    SYSTEMS: args.systems,
    HOSTS: args.hosts,
  });
  const registryMs = Math.round(performance.now() - started);
  console.log(`  registry in ${registryMs} ms: ${JSON.stringify(registry.counts)}`);
  const findings = tsx('bench/setup-findings.ts', { ...env, PER_SYSTEM: args['per-system'] });
  const findingsMs = Math.round(performance.now() - started) - registryMs;
  console.log(`  findings in ${findingsMs} ms: ${JSON.stringify(findings.counts)}`);
  return {
    tokens: registry.tokens,
    counts: { ...registry.counts, ...findings.counts },
    sample: findings.sample,
    setupMs: { registry: registryMs, findings: findingsMs },
  };
}

async function measure(label, server, seeded) {
  const results = [];
  for (const [name, role, path] of endpoints(seeded.sample).filter(([n]) =>
    args.only.split(',').some((part) => n.includes(part)),
  )) {
    const url = `${server.url}${path}`;
    const probe = await fetch(url, { headers: { authorization: `Bearer ${seeded.tokens[role]}` } });
    const body = await probe.json();
    if (probe.status !== 200) {
      console.log(`  ${label}: ${name} answered ${probe.status} (${body?.error?.code ?? ''}); skipped`);
      results.push({ name, role, path, status: probe.status, skipped: true });
      continue;
    }
    const total = body.total === undefined ? null : `${body.totalIsEstimate ? '~' : ''}${body.total}`;
    const charts = path.includes('/scans/stats');
    if (!charts) {
      await load(url, seeded.tokens[role], { seconds: WARMUP, connections: Math.max(...CONNECTIONS) });
    }
    for (const connections of CONNECTIONS) {
      // The charts: 5 requests per connection (10 at one connection), not a timed run.
      const { result, latencies } = charts
        ? await loadAmount(url, seeded.tokens[role], { amount: Math.max(10, 5 * connections), connections })
        : await load(url, seeded.tokens[role], { seconds: DURATION, connections });
      const sorted = latencies.sort((a, b) => a - b);
      if (sorted.length === 0) {
        console.log(`  ${label}: ${name} [${role}], ${connections} conn: no answer within the run`);
        results.push({ name, role, path, total, connections, requests: 0, skipped: true });
        continue;
      }
      const figures = {
        name,
        role,
        path,
        total,
        connections,
        requests: sorted.length,
        p50: +percentile(sorted, 50).toFixed(2),
        p95: +percentile(sorted, 95).toFixed(2),
        max: +sorted[sorted.length - 1].toFixed(2),
        non2xx: result.non2xx,
      };
      console.log(
        `  ${label}: ${name} [${role}] total=${total ?? '-'}, ${connections} conn: p50 ${figures.p50} ms, p95 ${figures.p95} ms (${figures.requests} req, non-2xx ${figures.non2xx})`,
      );
      results.push(figures);
    }
  }
  return results;
}

async function benchPglite(tmp) {
  const env = { DATA_DIR: join(tmp, 'pglite-data'), DATABASE_URL: '' };
  console.log(`PGlite: generating in ${env.DATA_DIR}`);
  const seeded = setupDb(env);
  const server = await startServer(env);
  try {
    return { ...seeded, endpoints: await measure('PGlite', server, seeded) };
  } finally {
    await server.stop();
  }
}

async function benchPostgres(tmp) {
  const adminUrl = args['pg-url'];
  const url = new URL(adminUrl);
  url.pathname = `/${BENCH_DB}`;
  await adminQuery(adminUrl, `drop database if exists ${BENCH_DB} with (force)`);
  await adminQuery(adminUrl, `create database ${BENCH_DB}`);
  try {
    const version = (await adminQuery(adminUrl, 'show server_version')).rows[0].server_version;
    const env = { DATA_DIR: join(tmp, 'pg-data'), DATABASE_URL: url.toString() };
    console.log(`PostgreSQL ${version}: generating`);
    const seeded = setupDb(env);
    const server = await startServer(env);
    try {
      return { version, ...seeded, endpoints: await measure('PostgreSQL', server, seeded) };
    } finally {
      await server.stop();
    }
  } finally {
    await adminQuery(adminUrl, `drop database if exists ${BENCH_DB} with (force)`);
  }
}

async function main() {
  const buildCommand = args['skip-build'] ? 'skipped' : build();
  const tmp = mkdtempSync(join(tmpdir(), 'custodian-bench-findings-'));
  const report = {
    ...reportHeader(),
    method: { build: buildCommand, durationS: DURATION, warmupS: WARMUP, connections: CONNECTIONS },
  };
  try {
    if (DRIVERS.includes('pglite')) {
      report.pglite = await benchPglite(tmp);
    }
    if (DRIVERS.includes('pg')) {
      report.postgres = await benchPostgres(tmp);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  report.machine.loadAverageAtEnd = loadAverage();
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `findings-${report.date.replaceAll(':', '-').slice(0, 19)}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nResults written to ${file}\n`);
  const header = ['request', 'caller', 'rows'];
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
  const missed = [];
  const first = (report.pglite ?? report.postgres).endpoints.filter(
    (x) => !x.skipped && x.connections === CONNECTIONS[0],
  );
  for (const e of first) {
    const cells = [e.name, e.role, e.total ?? '—'];
    for (const { label, part, connections } of runs) {
      const r = part.endpoints.find((x) => x.path === e.path && x.role === e.role && x.connections === connections);
      cells.push(r && !r.skipped ? `${r.p50} / ${r.p95}` : 'n/a');
      if (r && !r.skipped && r.path.includes('/scans/findings') && r.p95 >= TARGET_P95_MS) {
        missed.push(`${label}, ${connections} conn: ${r.name} [${r.role}] p95 ${r.p95} ms >= ${TARGET_P95_MS} ms`);
      }
    }
    console.log(`| ${cells.join(' | ')} |`);
  }
  console.log(`Load average at the end: ${report.machine.loadAverageAtEnd.join(', ')}`);
  if (missed.length > 0) {
    console.log(`\nMissed targets:\n  ${missed.join('\n  ')}`);
    process.exitCode = 1;
  } else {
    console.log('\nEvery findings-list request meets its target.');
  }
}

await main();
