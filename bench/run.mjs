#!/usr/bin/env node
// Benchmarks, on 127.0.0.1 only:
//   1. cold start of the built server to its first healthy response, on an existing data
//      directory (PGlite; also PostgreSQL);
//   2. GET /api/v1/users latency (p50/p95) with 10,000 users, on PGlite and on PostgreSQL,
//      under a bounded autocannon load, authenticated with a personal API token.
// Results go to bench/results/bench-<time>.json; docs/performance.md summarises them.
//
// Usage: npm run bench [-- --runs 5 --duration 10 --connections 1,10 --users 10000 --skip-pg --skip-build]
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, totalmem, tmpdir, release } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import pg from 'pg';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'apps', 'server', 'bin', 'custodian.mjs');
const RESULTS_DIR = join(ROOT, 'bench', 'results');

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

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function run(cmd, cmdArgs, env = {}) {
  const result = spawnSync(cmd, cmdArgs, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${cmdArgs.join(' ')} failed (${result.status}):\n${result.stderr}${result.stdout}`);
  }
  return result.stdout;
}

/** Builds what `npm start` runs. The web app does not affect API timings, so the
 * benchmark falls back to the server alone when the web build fails. */
function build() {
  try {
    run('npm', ['run', 'build', '--silent']);
    return 'npm run build';
  } catch (err) {
    console.warn(`npm run build failed; building the server only.\n${String(err).slice(0, 2000)}`);
    run('npx', ['tsc', '-b', 'packages/shared', 'apps/server']);
    return 'tsc -b packages/shared apps/server (web build failed)';
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts `custodian serve` and resolves with the time until /api/health answered 200. */
async function startServer(env) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, 'serve'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const deadline = started + 60_000;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`server exited with ${child.exitCode}:\n${stderr}`);
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) {
        const ms = performance.now() - started;
        const health = await res.json();
        return {
          url,
          ms,
          health,
          stop: async () => {
            child.kill('SIGTERM');
            await exited;
          },
        };
      }
    } catch {
      // not listening yet
    }
    await sleep(10);
  }
  child.kill('SIGKILL');
  throw new Error(`server did not become healthy within 60 s:\n${stderr}`);
}

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

function percentile(sorted, p) {
  if (sorted.length === 0) {
    return NaN;
  }
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

/** One bounded autocannon run; every response time is kept for exact percentiles. */
function load(url, token, { seconds, connections }) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    const statuses = {};
    const instance = autocannon(
      {
        url,
        connections,
        duration: seconds,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      },
      (err, result) => (err ? reject(err) : resolve({ result, latencies, statuses })),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      latencies.push(responseTime);
    });
  });
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

async function adminQuery(pgUrl, sql) {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
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
    date: new Date().toISOString(),
    commit: spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim(),
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      kernel: release(),
      node: process.version,
      loadAverageAtStart: loadavg().map((l) => +l.toFixed(2)),
    },
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
  report.machine.loadAverageAtEnd = loadavg().map((l) => +l.toFixed(2));
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
