#!/usr/bin/env node
// Benchmarks, on 127.0.0.1 only:
//   1. cold start of the built server to its first healthy response, on an existing data
//      directory (PGlite; also PostgreSQL);
//   2. GET /api/v1/users latency (p50/p95) with 10,000 users, on PGlite and on PostgreSQL,
//      under a bounded autocannon load, authenticated with a personal API token.
// Results go to bench/results/bench-<time>.json; docs/performance.md summarises them.
//
// Usage: npm run bench [-- --runs 5 --duration 10 --connections 1,10 --users 10000 --skip-pg --skip-build]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';

import {
  CLI,
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

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '1,10' },
    users: { type: 'string', default: '10000' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    'skip-pg': { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
  },
});
const RUNS = Number(args.runs);
const DURATION = Number(args.duration);
const WARMUP = Number(args.warmup);
/** Load levels: 1 connection shows the service time, 10 the latency under contention. */
const CONNECTIONS = args.connections.split(',').map(Number);
const USERS = Number(args.users);
const BENCH_DB = 'custodian_bench';

async function coldStarts(label, env) {
  const times = [];
  for (let i = 0; i < RUNS; i += 1) {
    const server = await startServer(env);
    times.push(server.ms);
    await server.stop();
    console.log(`  ${label} cold start ${i + 1}/${RUNS}: ${server.ms.toFixed(0)} ms (${server.health.db})`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    runs: RUNS,
    ms: sorted.map((t) => Math.round(t)),
    min: Math.round(sorted[0]),
    median: Math.round(sorted[Math.floor(sorted.length / 2)]),
    max: Math.round(sorted[sorted.length - 1]),
  };
}

async function measureUsers(label, server, token) {
  const url = `${server.url}/api/v1/users`;
  const probe = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = await probe.json();
  if (probe.status !== 200) {
    throw new Error(`GET /api/v1/users answered ${probe.status}: ${JSON.stringify(body)}`);
  }
  console.log(`  ${label}: total=${body.total}, page of ${body.items.length}; warm-up ${WARMUP} s`);
  await load(url, token, { seconds: WARMUP, connections: Math.max(...CONNECTIONS) });
  const runs = [];
  for (const connections of CONNECTIONS) {
    const { result, latencies, statuses } = await load(url, token, { seconds: DURATION, connections });
    const sorted = latencies.sort((a, b) => a - b);
    const figures = {
      total: body.total,
      connections,
      durationS: DURATION,
      requests: sorted.length,
      requestsPerSecond: Math.round(sorted.length / DURATION),
      p50: +percentile(sorted, 50).toFixed(2),
      p95: +percentile(sorted, 95).toFixed(2),
      p99: +percentile(sorted, 99).toFixed(2),
      max: +sorted[sorted.length - 1].toFixed(2),
      statuses,
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
    };
    console.log(
      `  ${label}, ${connections} connection(s): ${figures.requests} requests, ${figures.requestsPerSecond} req/s, p50 ${figures.p50} ms, p95 ${figures.p95} ms, p99 ${figures.p99} ms, non-2xx ${figures.non2xx}`,
    );
    runs.push(figures);
  }
  return runs;
}

function setupDb(env) {
  const out = run(process.execPath, ['--conditions=development', '--import', 'tsx', 'bench/setup-db.ts'], {
    ...env,
    USERS: String(USERS),
  });
  return JSON.parse(out.trim().split('\n').pop());
}

async function benchPglite(tmp) {
  const dataDir = join(tmp, 'pglite-data');
  console.log(`PGlite: filling ${dataDir} with ${USERS} users`);
  const setupStart = performance.now();
  const seeded = setupDb({ DATA_DIR: dataDir, DATABASE_URL: '' });
  const setupMs = Math.round(performance.now() - setupStart);
  run(process.execPath, [CLI, 'migrate'], { DATA_DIR: dataDir, DATABASE_URL: '' });
  const env = { DATA_DIR: dataDir, DATABASE_URL: '' };
  const coldStart = await coldStarts('PGlite', env);
  const server = await startServer(env);
  try {
    const users = await measureUsers('PGlite', server, seeded.token);
    return { setupMs, seeded: { users: seeded.users, organisations: seeded.organisations }, coldStart, users };
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
    console.log(`PostgreSQL ${version}: filling ${BENCH_DB} with ${USERS} users`);
    const setupStart = performance.now();
    const seeded = setupDb(env);
    const setupMs = Math.round(performance.now() - setupStart);
    run(process.execPath, [CLI, 'migrate'], env);
    await adminQuery(dbUrl, 'analyze');
    const coldStart = await coldStarts('PostgreSQL', env);
    const server = await startServer(env);
    try {
      const users = await measureUsers('PostgreSQL', server, seeded.token);
      return {
        version,
        setupMs,
        seeded: { users: seeded.users, organisations: seeded.organisations },
        coldStart,
        users,
      };
    } finally {
      await server.stop();
    }
  } finally {
    await adminQuery(adminUrl, `drop database if exists ${BENCH_DB} with (force)`);
  }
}

async function main() {
  const buildCommand = args['skip-build'] ? 'skipped' : build();
  const tmp = mkdtempSync(join(tmpdir(), 'custodian-bench-'));
  const report = {
    ...reportHeader(),
    method: { build: buildCommand, runs: RUNS, durationS: DURATION, warmupS: WARMUP, connections: CONNECTIONS },
  };
  try {
    report.pglite = await benchPglite(tmp);
    if (!args['skip-pg']) {
      report.postgres = await benchPostgres(tmp);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  report.machine.loadAverageAtEnd = loadAverage();
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `bench-${report.date.replaceAll(':', '-').slice(0, 19)}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nResults written to ${file}`);
  console.log(
    '\n| database | cold start min / median / max (ms) | connections | users p50 (ms) | users p95 (ms) | req/s |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const [name, r] of [
    ['PGlite', report.pglite],
    ['PostgreSQL', report.postgres],
  ]) {
    if (r) {
      const c = r.coldStart;
      for (const u of r.users) {
        console.log(
          `| ${name} | ${c.min} / ${c.median} / ${c.max} | ${u.connections} | ${u.p50} | ${u.p95} | ${u.requestsPerSecond} |`,
        );
      }
    }
  }
}

await main();
