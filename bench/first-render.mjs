#!/usr/bin/env node
// First-render benchmark (issue 11, defect 13), on 127.0.0.1 only: builds what `npm start`
// serves (when the sources changed), starts the server on a fresh data directory, creates
// the first ministry_admin (MFA not required, so the session is active at once), then opens
// /dashboard in Debian's Chromium, signed in, and measures:
// - time to first render: from navigation start until the first dashboard card is in the
//   page (a MutationObserver records it, so polling adds nothing);
// - bytes transferred until then and once the network is idle (Resource Timing
//   `transferSize`: headers and encoded bodies);
// for cold loads (a new browser context each, so no cache) and warm loads (a reload in the
// same context, so cached assets are not fetched again).
//
// Usage: npm run bench:first-render [-- --runs 5 --skip-build]
// The functions given to the page run in Chromium.
/* global window, document, MutationObserver */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { CLI, RESULTS_DIR, ROOT, freePort, percentile, reportHeader, run, sleep } from './lib.mjs';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, 'skip-build': { type: 'boolean', default: false } },
});
const runs = Math.max(1, Number(args.runs));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FIRST_CARD = '.ant-card';

if (!args['skip-build']) {
  run(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--if-changed']);
}

/** Records when the first dashboard card enters the page, before any script of the app runs. */
function observeFirstCard(selector) {
  const observer = new MutationObserver(() => {
    if (document.querySelector(selector)) {
      window.__firstCardMs = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** Bytes transferred so far by the document and every resource, and how many requests. */
function transferred() {
  const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
  return { bytes: entries.reduce((sum, e) => sum + e.transferSize, 0), requests: entries.length };
}

async function load(page, url) {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__firstCardMs !== undefined, null, { timeout: 60_000 });
  const firstRender = await page.evaluate(() => ({ ms: window.__firstCardMs }));
  const atFirstRender = await page.evaluate(transferred);
  await page.waitForLoadState('networkidle');
  const idle = await page.evaluate(transferred);
  return {
    firstRenderMs: Math.round(firstRender.ms),
    bytesAtFirstRender: atFirstRender.bytes,
    bytesWhenIdle: idle.bytes,
    requestsWhenIdle: idle.requests,
  };
}

/** `custodian serve` on a free port; waits up to 10 minutes (a loaded 2-core machine can need several). */
async function startServer(env) {
  const port = await freePort();
  const child = spawn(process.execPath, [CLI, 'serve'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  for (const deadline = Date.now() + 600_000; Date.now() < deadline; await sleep(100)) {
    if (child.exitCode !== null) {
      throw new Error(`server exited with ${child.exitCode}:\n${stderr}`);
    }
    try {
      if ((await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1000) })).status === 200) {
        return { url, stop };
      }
    } catch {
      // not listening yet
    }
  }
  await stop();
  throw new Error(`server did not become healthy within 600 s:\n${stderr}`);
}

const dataDir = mkdtempSync(join(tmpdir(), 'custodian-bench-render-'));
const server = await startServer({ DATA_DIR: dataDir, MFA_REQUIRED_FOR_MINISTRY: 'false' });
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
const report = { ...reportHeader(), runs, cold: [], warm: [] };
try {
  const setup = await fetch(`${server.url}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: 'perf@moe.example.tw',
      password: 'Quiet-Orchard-Falcon-Ledger-58',
      name: '效能測試',
      ministryName: '教育部',
    }),
  });
  if (!setup.ok) {
    throw new Error(`setup failed: ${setup.status} ${await setup.text()}`);
  }
  const [name, value] = (setup.headers.getSetCookie().find((c) => c.startsWith('custodian_session=')) ?? '')
    .split(';')[0]
    .split('=');
  const cookie = { name, value, url: server.url };
  const dashboard = `${server.url}/dashboard`;
  for (let i = 0; i < runs; i += 1) {
    const context = await browser.newContext({ locale: 'zh-TW', timezoneId: 'Asia/Taipei' });
    await context.addCookies([cookie]);
    await context.addInitScript(observeFirstCard, FIRST_CARD);
    const page = await context.newPage();
    const cold = await load(page, dashboard);
    const warm = await load(page, dashboard);
    report.cold.push(cold);
    report.warm.push(warm);
    console.log(
      `run ${i + 1}: cold ${cold.firstRenderMs} ms, ${Math.round(cold.bytesWhenIdle / 1024)} KiB; ` +
        `warm ${warm.firstRenderMs} ms, ${Math.round(warm.bytesWhenIdle / 1024)} KiB`,
    );
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

const summary = (samples) => {
  const sorted = (key) => samples.map((s) => s[key]).sort((a, b) => a - b);
  return {
    firstRenderMedianMs: percentile(sorted('firstRenderMs'), 50),
    firstRenderMaxMs: Math.max(...sorted('firstRenderMs')),
    kibAtFirstRender: Math.round(percentile(sorted('bytesAtFirstRender'), 50) / 1024),
    kibWhenIdle: Math.round(percentile(sorted('bytesWhenIdle'), 50) / 1024),
    requestsWhenIdle: percentile(sorted('requestsWhenIdle'), 50),
  };
};
report.summary = { cold: summary(report.cold), warm: summary(report.warm) };
console.log(JSON.stringify(report.summary, null, 2));
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(join(RESULTS_DIR, 'first-render.json'), JSON.stringify(report, null, 2));
