// Helpers shared by the benchmark scripts: build, start the server, load it, percentiles.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import pg from 'pg';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI = join(ROOT, 'apps', 'server', 'bin', 'custodian.mjs');
export const RESULTS_DIR = join(ROOT, 'bench', 'results');

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function run(cmd, cmdArgs, env = {}) {
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
export function build() {
  try {
    run('npm', ['run', 'build', '--silent']);
    return 'npm run build';
  } catch (err) {
    console.warn(`npm run build failed; building the server only.\n${String(err).slice(0, 2000)}`);
    run('npx', ['tsc', '-b', 'packages/shared', 'apps/server']);
    return 'tsc -b packages/shared apps/server (web build failed)';
  }
}

export function freePort() {
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
export async function startServer(env) {
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
          pid: child.pid,
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

export function percentile(sorted, p) {
  if (sorted.length === 0) {
    return NaN;
  }
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

/** One bounded autocannon run; every response time is kept for exact percentiles. */
export function load(url, token, { seconds, connections }) {
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

/** One statement on a PostgreSQL server, on its own connection. */
export async function adminQuery(pgUrl, sql) {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The current one-minute, five-minute and fifteen-minute load averages, rounded. */
export const loadAverage = () => loadavg().map((l) => +l.toFixed(2));

/** What every report starts with: when, at which commit, on what machine. */
export function reportHeader() {
  return {
    date: new Date().toISOString(),
    commit: spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim(),
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      kernel: release(),
      node: process.version,
      loadAverageAtStart: loadAverage(),
    },
  };
}
