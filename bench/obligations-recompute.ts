/**
 * The compliance calendar's full recompute (issue 13, ADR 0019) on a database filled by
 * bench/setup-registry.ts: publishes the suggested obligation rules, gives every unit a
 * responsibility level (so the level-based scans and penetration tests apply), and times
 * the recompute of every rule for every record, ROUNDS times (default 3): each round
 * empties `obligation_instances`, then times the first (cold: every instance inserted) and
 * a second, idempotent run that must write nothing.
 *
 * Usage: DATA_DIR=dir [DATABASE_URL=postgres://…] [ROUNDS=3] node --conditions=development --import tsx bench/obligations-recompute.ts
 * Prints one JSON line: { instances, rounds: [{first, second}] (each with wall ms, this process's
 * cpuMs and on PostgreSQL the backends' backendCpuMs), best: {first, second, firstCpu, …}, byTrigger: {trigger: ms}, coldByTrigger: {trigger: ms} }.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { SUGGESTED_OBLIGATION_RULES } from '../packages/shared/src/index.js';
import { openDatabase, queryRows } from '../apps/server/src/db/client.js';
import { allObligationSources } from '../apps/server/src/modules/index.js';
import { recomputeObligations } from '../apps/server/src/modules/obligations/obligations.engine.js';

const ROUNDS = Number(process.env.ROUNDS ?? '3');
/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on Linux). */
const CLOCK_TICKS = 100;

/** This process's CPU time in ms (user + system): PGlite runs in it. */
function processCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/**
 * CPU time (user + system, ms) of each PostgreSQL backend serving this database, read from
 * /proc/<pid>/stat (the server runs on this machine): the time the recompute cost the server,
 * whatever else the shared cores were doing.
 */
async function backendCpuMs(db: Parameters<typeof queryRows>[0]): Promise<Map<number, number>> {
  const rows = await queryRows<{ pid: number }>(
    db,
    sql`select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'`,
  );
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpu.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS);
    } catch {
      // A backend that ended meanwhile.
    }
  }
  return cpu;
}

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = process.env.DATA_DIR;
  const handle = await openDatabase({ databaseUrl, pgliteDir: databaseUrl ? undefined : dataDir });
  try {
    const db = handle.db;
    const now = new Date('2027-03-01T00:00:00Z');
    const [published] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from policy_versions where notes = 'bench'`,
    );
    if (!published?.n) {
      await db.execute(sql`
        insert into policy_versions (version, effective_from, rules, notes)
        select version + 1, date '2027-01-01',
          rules || jsonb_build_object('obligations', ${JSON.stringify(SUGGESTED_OBLIGATION_RULES)}::jsonb), 'bench'
        from policy_versions order by version desc limit 1`);
    }
    await db.execute(sql`
      update organisations set responsibility_level = (array['A','B','C'])[1 + (abs(hashtext(code)) % 3)]
      where kind = 'unit'`);
    const sources = allObligationSources();
    const runOnce = async () => {
      const backendsBefore = databaseUrl ? await backendCpuMs(db) : undefined;
      const cpuBefore = processCpuMs();
      const started = performance.now();
      // As the service runs it (obligations.service.ts recompute): two rules at a time on PostgreSQL.
      const result = await recomputeObligations(db, sources, now, {}, { concurrency: databaseUrl ? 2 : 1 });
      const ms = Math.round(performance.now() - started);
      const cpuMs = Math.round(processCpuMs() - cpuBefore);
      let backendCpu: number | undefined;
      if (backendsBefore) {
        // Backends that started during the run count from zero; the query reading them costs a few ms.
        backendCpu = 0;
        for (const [pid, after] of await backendCpuMs(db)) {
          backendCpu += after - (backendsBefore.get(pid) ?? 0);
        }
        backendCpu = Math.round(backendCpu);
      }
      return { ms, cpuMs, ...(backendCpu === undefined ? {} : { backendCpuMs: backendCpu }), ...result };
    };
    const rounds = [];
    for (let i = 0; i < ROUNDS; i += 1) {
      await db.execute(sql`truncate obligation_instances cascade`);
      await db.execute(sql`vacuum analyze obligation_instances`);
      const first = await runOnce();
      const second = await runOnce();
      rounds.push({ first, second });
      process.stderr.write(
        `round ${i + 1}: first ${first.ms} ms (cpu ${first.cpuMs} ms), second ${second.ms} ms (cpu ${second.cpuMs} ms)\n`,
      );
    }
    const best = {
      first: Math.min(...rounds.map((r) => r.first.ms)),
      second: Math.min(...rounds.map((r) => r.second.ms)),
      firstCpu: Math.min(...rounds.map((r) => r.first.cpuMs)),
      secondCpu: Math.min(...rounds.map((r) => r.second.cpuMs)),
      ...(databaseUrl
        ? {
            firstBackendCpu: Math.min(...rounds.map((r) => r.first.backendCpuMs ?? 0)),
            secondBackendCpu: Math.min(...rounds.map((r) => r.second.backendCpuMs ?? 0)),
          }
        : {}),
    };
    // The idempotent run again, one trigger at a time: where the time goes.
    const byTrigger: Record<string, number> = {};
    const coldByTrigger: Record<string, number> = {};
    for (const source of sources) {
      const started = performance.now();
      await recomputeObligations(db, sources, now, { trigger: source.trigger });
      byTrigger[source.trigger] = Math.round(performance.now() - started);
    }
    // And the cold run, one trigger at a time, into an emptied table.
    await db.execute(sql`truncate obligation_instances cascade`);
    await db.execute(sql`vacuum analyze obligation_instances`);
    for (const source of sources) {
      const started = performance.now();
      await recomputeObligations(db, sources, now, { trigger: source.trigger });
      coldByTrigger[source.trigger] = Math.round(performance.now() - started);
    }
    const [count] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from obligation_instances`);
    console.log(
      JSON.stringify({
        instances: count?.n ?? 0,
        rules: SUGGESTED_OBLIGATION_RULES.length,
        rounds,
        best,
        byTrigger,
        coldByTrigger,
      }),
    );
  } finally {
    await handle.close();
  }
}

await main();
