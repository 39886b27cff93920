#!/usr/bin/env node
// Start-up benchmark (issue 11, defect 13): runs the README's `npm start` on a fresh data
// directory and a free loopback port, times it until /api/health answers 200, stops it,
// and repeats. The first start may build; every later start is a "second start" on
// unchanged sources, which should not build again.
//
// Usage: npm run bench:start-up [-- --runs 3]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { RESULTS_DIR, ROOT, freePort, reportHeader, sleep } from './lib.mjs';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Math.max(2, Number(args.runs));

/** One `npm start` until healthy; the process group is stopped afterwards. */
async function timeStart(dataDir) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const deadline = started + 300_000;
  try {
    while (performance.now() < deadline) {
      if (child.exitCode !== null) {
        throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
      }
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(1000) });
        if (res.status === 200) {
          return { ms: Math.round(performance.now() - started), built: /built in|vite v\d/.test(output) };
        }
      } catch {
        // not listening yet
      }
      await sleep(20);
    }
    throw new Error(`npm start did not become healthy within 300 s:\n${output}`);
  } finally {
    if (child.exitCode === null) {
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
  }
}

const report = { ...reportHeader(), runs: [] };
const dataDir = mkdtempSync(join(tmpdir(), 'custodian-bench-start-'));
try {
  for (let i = 0; i < runs; i += 1) {
    const result = await timeStart(dataDir);
    report.runs.push(result);
    console.log(`start ${i + 1}: ${(result.ms / 1000).toFixed(1)} s${result.built ? ' (built)' : ''}`);
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
const later = report.runs.slice(1).map((r) => r.ms);
report.secondStartMedianMs = later.sort((a, b) => a - b)[Math.floor((later.length - 1) / 2)];
console.log(`second start, median of ${later.length}: ${(report.secondStartMedianMs / 1000).toFixed(1)} s`);
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(join(RESULTS_DIR, 'start-up.json'), JSON.stringify(report, null, 2));
