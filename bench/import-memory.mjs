#!/usr/bin/env node
// Import memory benchmark (issue 8, finding 4), on 127.0.0.1 only: the server's peak RSS
// while POST /api/v1/imports reads (a) a ~65 KB workbook whose Notes cell is one
// 60,000,000-character shared string, once and six times in parallel, the same with
// 30,000,000 characters (under the limit of one archive entry, so the pre-check inflates
// and scans it), and (b) a legitimate 20,000-row workbook, previewed and committed. Each
// scenario gets a fresh `custodian serve` (built, PGlite) so its high-water mark (VmHWM in
// /proc/<pid>/status) is its own. The baseline is read after one small refused upload, so
// what the first request costs any server (sessions, database pages, multipart) is not
// charged to the file; RSS is read once more 3 s after the last answer, and GET /api/health
// is polled every 50 ms meanwhile to show whether uploads stall other requests.
//
// Usage: npm run bench:import-memory [-- --parallel 6 --skip-build --only hostile]
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { RESULTS_DIR, loadAverage, reportHeader, run, sleep, startServer } from './lib.mjs';

const { values: args } = parseArgs({
  options: {
    parallel: { type: 'string', default: '6' },
    'skip-build': { type: 'boolean', default: false },
    /** Only the scenarios whose label contains this text. */
    only: { type: 'string', default: '' },
  },
});
const PARALLEL = Number(args.parallel);
const SETTLE_MS = 3_000;
/** A CSV no sheet matches: refused after authentication, multipart and the CSV reader ran. */
const WARMUP_FILE = Buffer.from('warm-up\r\n');

/** The process that runs the server: `custodian serve` runs in-process when built, else in a tsx child. */
function serverPid(pid) {
  for (let depth = 0; depth < 3; depth += 1) {
    let children;
    try {
      children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    } catch {
      return pid;
    }
    if (children === '') {
      return pid;
    }
    pid = Number(children.split(/\s+/)[0]);
  }
  return pid;
}

/** VmRSS and VmHWM (peak RSS) of a process, in MiB. */
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: Math.round(kib('VmRSS') / 1024), peakMiB: Math.round(kib('VmHWM') / 1024) };
}

/** Polls GET /api/health until stopped; resolves with the slowest answer and the count. */
function pollHealth(url) {
  let stopped = false;
  const latencies = [];
  const done = (async () => {
    while (!stopped) {
      const started = performance.now();
      try {
        await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(30_000) });
      } catch {
        // counted as slow by its time
      }
      latencies.push(performance.now() - started);
      await sleep(50);
    }
  })();
  return async () => {
    stopped = true;
    await done;
    return { polls: latencies.length, maxMs: Math.round(Math.max(0, ...latencies)) };
  };
}

async function request(url, token, init) {
  const started = performance.now();
  const res = await fetch(url, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'accept-language': 'en', ...init.headers },
    signal: AbortSignal.timeout(300_000),
  });
  const body = await res.json().catch(() => ({}));
  return {
    status: res.status,
    ms: Math.round(performance.now() - started),
    code: body?.error?.code,
    retryAfter: res.headers.get('retry-after') ?? undefined,
    id: body?.id,
    errorCount: body?.errorCount,
  };
}

function upload(server, token, file, name) {
  const form = new FormData();
  form.append('file', new Blob([file]), name);
  return request(`${server.url}/api/v1/imports`, token, { method: 'POST', body: form });
}

/** One fresh server: baseline RSS, the scenario's steps, peak RSS, RSS after settling. */
async function scenario({ label, dataDir, token }, steps) {
  const server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: '' });
  const pid = serverPid(server.pid);
  try {
    const warmup = await upload(server, token, WARMUP_FILE, 'warmup.csv');
    if (warmup.status !== 400) {
      throw new Error(`warm-up upload answered ${warmup.status}`);
    }
    await sleep(1_000);
    const before = memoryOf(pid);
    const stopHealth = pollHealth(server.url);
    const started = performance.now();
    const results = await steps(server, pid);
    const ms = Math.round(performance.now() - started);
    const health = await stopHealth();
    const peak = memoryOf(pid);
    await sleep(SETTLE_MS);
    const after = memoryOf(pid);
    const figures = {
      label,
      baselineRssMiB: before.rssMiB,
      peakRssMiB: peak.peakMiB,
      rssAfterMiB: after.rssMiB,
      ms,
      health,
      results,
    };
    console.log(
      `  ${label}: RSS ${before.rssMiB} MiB before, peak ${peak.peakMiB} MiB, ${after.rssMiB} MiB ${SETTLE_MS / 1000} s after; ` +
        `${ms} ms; slowest /api/health ${health.maxMs} ms; answers ${JSON.stringify(results.map((r) => r.status))}`,
    );
    return figures;
  } finally {
    await server.stop();
  }
}

async function main() {
  if (!args['skip-build']) {
    run('npx', ['tsc', '-b', 'packages/shared', 'apps/server']);
  }
  const tmp = mkdtempSync(join(tmpdir(), 'custodian-bench-import-memory-'));
  const report = {
    ...reportHeader(),
    method: {
      build: args['skip-build'] ? 'skipped' : 'tsc -b packages/shared apps/server',
      parallel: PARALLEL,
      settleMs: SETTLE_MS,
    },
  };
  try {
    const dataDir = join(tmp, 'data');
    const setup = JSON.parse(
      run(process.execPath, ['--conditions=development', '--import', 'tsx', 'bench/setup-import-memory.ts'], {
        DATA_DIR: dataDir,
        OUT_DIR: tmp,
      })
        .trim()
        .split('\n')
        .pop(),
    );
    const { token, files } = setup;
    report.files = files;
    const hostile = readFileSync(files.hostile.path);
    const halfHostile = readFileSync(files.halfHostile.path);
    const legit = readFileSync(files.legit.path);
    console.log(
      `Files: hostile ${files.hostile.bytes} bytes (${files.hostile.chars} characters in one cell), ` +
        `${files.halfHostile.bytes} bytes (${files.halfHostile.chars} characters), ` +
        `legit ${files.legit.bytes} bytes (${files.legit.rows} rows)`,
    );
    const scenarios = [
      ['hostile workbook, 1 upload', async (server) => [await upload(server, token, hostile, 'hostile.xlsx')]],
      [
        `hostile workbook, ${PARALLEL} parallel uploads`,
        (server) => Promise.all(Array.from({ length: PARALLEL }, () => upload(server, token, hostile, 'hostile.xlsx'))),
      ],
      [
        `${files.halfHostile.chars}-character workbook, 1 upload`,
        async (server) => [await upload(server, token, halfHostile, 'text.xlsx')],
      ],
      [
        `legitimate ${files.legit.rows}-row workbook, preview and commit`,
        async (server, pid) => {
          const preview = await upload(server, token, legit, 'rows.xlsx');
          const afterPreview = { ...preview, peakRssMiB: memoryOf(pid).peakMiB };
          if (preview.status !== 201 || preview.errorCount !== 0) {
            return [afterPreview];
          }
          const commit = await request(`${server.url}/api/v1/imports/${preview.id}/commit`, token, { method: 'POST' });
          return [afterPreview, { ...commit, peakRssMiB: memoryOf(pid).peakMiB }];
        },
      ],
    ];
    report.scenarios = [];
    for (const [label, steps] of scenarios.filter(([label]) => label.includes(args.only))) {
      report.scenarios.push(await scenario({ label, dataDir, token }, steps));
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  report.machine.loadAverageAtEnd = loadAverage();
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `import-memory-${report.date.replaceAll(':', '-').slice(0, 19)}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nResults written to ${file}\n`);
  console.log(
    '| scenario | answers | RSS before (MiB) | peak RSS (MiB) | RSS 3 s after (MiB) | slowest /api/health (ms) |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const s of report.scenarios) {
    const answers = s.results.map((r) => `${r.status}${r.code ? ` ${r.code}` : ''}`).join(', ');
    console.log(
      `| ${s.label} | ${answers} | ${s.baselineRssMiB} | ${s.peakRssMiB} | ${s.rssAfterMiB} | ${s.health.maxMs} |`,
    );
  }
}

await main();
