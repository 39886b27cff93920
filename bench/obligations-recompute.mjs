#!/usr/bin/env node
// Compliance calendar benchmark (issue 13), on 127.0.0.1 only: the full recompute of every
// obligation rule over the registry of bench/setup-registry.ts (default 10,000 units with one
// contract each, 20,000 systems with three contacts and four allocations each: 210,000
// instances), on PGlite and PostgreSQL, timed in-process by bench/obligations-recompute.ts,
// best of 3 rounds, with the CPU time of the benchmark process (PGlite runs in it) and of the
// PostgreSQL backends (from /proc): on a shared machine the honest figures. Target: < 10 s for the first (cold) and the second (idempotent) recompute.
// Results go to bench/results/obligations-recompute-<time>.json; docs/performance.md summarises them.
//
// Usage: npm run bench:obligations [-- --units 10000 --systems 20000 --allocations 4 --rounds 3 --skip-pg]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RESULTS_DIR, adminQuery, loadAverage, reportHeader, run } from './lib.mjs';

const { values: args } = parseArgs({
  options: {
    units: { type: 'string', default: '10000' },
    systems: { type: 'string', default: '20000' },
    allocations: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '3' },
    hosts: { type: 'string', default: '0' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    'skip-pg': { type: 'boolean', default: false },
  },
});
const BENCH_DB = 'custodian_bench_obligations';
const TARGET_MS = 10_000;
const tsx = (script, env) =>
  JSON.parse(
    run(process.execPath, ['--conditions=development', '--import', 'tsx', script], env).trim().split('\n').pop(),
  );

const cpuOfBackends = (run) => (run.backendCpuMs === undefined ? '' : `, PostgreSQL backends ${run.backendCpuMs} ms`);

function measure(label, env) {
  const loadAtStart = loadAverage();
  console.log(`${label}: generating the registry`);
  const seeded = tsx('bench/setup-registry.ts', {
    ...env,
    UNITS: args.units,
    SYSTEMS: args.systems,
    HOSTS: args.hosts,
    ALLOCATIONS: args.allocations,
  });
  console.log(`  ${JSON.stringify(seeded.counts)}`);
  const result = tsx('bench/obligations-recompute.ts', { ...env, ROUNDS: args.rounds });
  for (const [i, r] of result.rounds.entries()) {
    console.log(
      `  round ${i + 1}: first ${r.first.ms} ms (cpu ${r.first.cpuMs} ms${cpuOfBackends(r.first)}, inserted ${r.first.inserted}), ` +
        `second ${r.second.ms} ms (cpu ${r.second.cpuMs} ms${cpuOfBackends(r.second)}, inserted ${r.second.inserted}, updated ${r.second.updated})`,
    );
  }
  console.log(
    `  ${result.instances} instances, best of ${result.rounds.length}: first ${result.best.first} ms, ` +
      `second ${result.best.second} ms; CPU time of this process, best: first ${result.best.firstCpu} ms, ` +
      `second ${result.best.secondCpu} ms; target < ${TARGET_MS} ms`,
  );
  return {
    loadAverage: { start: loadAtStart, end: loadAverage() },
    counts: seeded.counts,
    ...result,
    withinTarget: result.best.first < TARGET_MS && result.best.second < TARGET_MS,
  };
}

async function main() {
  const tmp = mkdtempSync(join(tmpdir(), 'custodian-bench-obligations-'));
  const report = {
    ...reportHeader(),
    method: {
      units: args.units,
      systems: args.systems,
      allocations: args.allocations,
      rounds: args.rounds,
      targetMs: TARGET_MS,
    },
  };
  try {
    report.pglite = measure('PGlite', { DATA_DIR: join(tmp, 'pglite-data'), DATABASE_URL: '' });
    if (!args['skip-pg']) {
      const adminUrl = args['pg-url'];
      const url = new URL(adminUrl);
      url.pathname = `/${BENCH_DB}`;
      await adminQuery(adminUrl, `drop database if exists ${BENCH_DB} with (force)`);
      await adminQuery(adminUrl, `create database ${BENCH_DB}`);
      try {
        const version = (await adminQuery(adminUrl, 'show server_version')).rows[0].server_version;
        report.postgres = {
          version,
          ...measure(`PostgreSQL ${version}`, { DATA_DIR: join(tmp, 'pg-data'), DATABASE_URL: url.toString() }),
        };
      } finally {
        await adminQuery(adminUrl, `drop database if exists ${BENCH_DB} with (force)`);
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  report.machine.loadAverageAtEnd = loadAverage();
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `obligations-recompute-${report.date.replaceAll(':', '-').slice(0, 19)}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nResults written to ${file}\n`);
}

await main();
