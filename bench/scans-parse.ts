/**
 * Scan parser benchmark (issue 9): generates realistic multi-host Nessus files of 50, 200 and
 * 1,000 MB (bench/scans-nessus-generate.ts) in a temporary folder, parses each with
 * parseScan from a file stream, and reports seconds, s/MB, findings/s and the peak RSS of the
 * parse. Each size is parsed in its own process, so that one size's peak is not another's.
 * The files are deleted afterwards.
 *
 * Usage: npm run bench:scans-parse   [SIZES_MB=50,200,1000]
 *        (wrap in `flock /tmp/bench.lock` on a shared machine)
 * Prints one JSON line per size, then a summary table.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseScan } from '../apps/server/src/modules/scans/parsers/index.js';
import { writeNessusFile } from './scans-nessus-generate.js';

const MB = 1024 * 1024;

/** In the child: parse one file, print its figures. */
async function parseOne(path: string) {
  const size = (await stat(path)).size;
  let findings = 0;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  for await (const event of parseScan(createReadStream(path, { highWaterMark: 256 * 1024 }), {
    expect: 'nessus',
    maxBytes: 4 * 1024 * MB,
  })) {
    if (event.kind === 'finding') {
      findings += 1;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  // maxRSS is in KiB and covers the process's whole life, which here is the parse.
  const maxRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
  console.log(
    JSON.stringify({
      mb: Math.round((size / MB) * 10) / 10,
      seconds: Math.round(seconds * 100) / 100,
      sPerMb: Math.round((seconds / (size / MB)) * 10000) / 10000,
      mbPerS: Math.round((size / MB / seconds) * 10) / 10,
      findings,
      findingsPerS: Math.round(findings / seconds),
      peakRssMb: Math.round(maxRss / MB),
    }),
  );
}

async function main() {
  const sizes = (process.env.SIZES_MB ?? '50,200,1000').split(',').map(Number);
  const dir = await mkdtemp(join(tmpdir(), 'scans-bench-'));
  const rows: Record<string, unknown>[] = [];
  console.log(JSON.stringify({ loadavg: loadavg().map((n) => Math.round(n * 100) / 100), node: process.version }));
  try {
    for (const mb of sizes) {
      const path = join(dir, `scan-${mb}mb.nessus`);
      const generated = await writeNessusFile(path, mb * MB);
      const child = spawnSync(
        process.execPath,
        ['--conditions=development', '--import', 'tsx', fileURLToPath(import.meta.url), path],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
      );
      await rm(path, { force: true });
      if (child.status !== 0) {
        throw new Error(`parse of ${mb} MB failed`);
      }
      const row = {
        ...(JSON.parse(child.stdout.trim()) as Record<string, unknown>),
        hosts: generated.hosts,
        items: generated.items,
      };
      console.log(JSON.stringify(row));
      rows.push(row);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  console.log(JSON.stringify({ loadavgAfter: loadavg().map((n) => Math.round(n * 100) / 100) }));
  console.table(rows);
}

const file = process.argv[2];
await (file ? parseOne(file) : main());
