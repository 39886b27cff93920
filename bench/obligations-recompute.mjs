#!/usr/bin/env node
// Compliance calendar benchmark (issue 13), on 127.0.0.1 only: the full recompute of every
// obligation rule over the registry of bench/setup-registry.ts (default 5,000 units and
// 20,000 systems with contacts, allocations and contracts), on PGlite and PostgreSQL, timed
// in-process by bench/obligations-recompute.ts. Target: < 10 s for the first recompute.
// Results go to bench/results/obligations-recompute-<time>.json; docs/performance.md summarises them.
//
// Usage: npm run bench:obligations [-- --units 5000 --systems 20000 --hosts 0 --skip-pg]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RESULTS_DIR, adminQuery, loadAverage, reportHeader, run } from './lib.mjs';

const { values: args } = parseArgs({
  options: {
    units: { type: 'string', default: '5000' },
    systems: { type: 'string', default: '20000' },
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

function measure(label, env) {
  console.log(`${label}: generating the registry`);
  const seeded = tsx('bench/setup-registry.ts', {
    ...env,
    UNITS: args.units,
    SYSTEMS: args.systems,
    HOSTS: args.hosts,
  });
  console.log(`  ${JSON.stringify(seeded.counts)}`);
  const result = tsx('bench/obligations-recompute.ts', env);
  console.log(
    `  ${result.instances} instances: first recompute ${result.first.ms} ms (inserted ${result.first.inserted}), ` +
      `second ${result.second.ms} ms (inserted ${result.second.inserted}, updated ${result.second.updated}); target < ${TARGET_MS} ms`,
  );
  return { counts: seeded.counts, ...result, withinTarget: result.first.ms < TARGET_MS };
}

async function main() {
  const tmp = mkdtempSync(join(tmpdir(), 'custodian-bench-obligations-'));
  const report = { ...reportHeader(), method: { units: args.units, systems: args.systems, targetMs: TARGET_MS } };
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
