import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { SUGGESTED_OBLIGATION_RULES } from '../packages/shared/src/index.js';
import { openDatabase, queryRows } from '../apps/server/src/db/client.js';
import { allObligationSources } from '../apps/server/src/modules/index.js';
import { recomputeObligations } from '../apps/server/src/modules/obligations/obligations.engine.js';

const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, pgliteDir: process.env.DATABASE_URL ? undefined : process.env.DATA_DIR });
const db = handle.db;
for (const s of ['wal_level', 'fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'wal_buffers', 'max_wal_size', 'checkpoint_timeout', 'maintenance_work_mem']) {
  const [r] = await queryRows<Record<string, string>>(db, sql.raw(`show ${s}`));
  process.stderr.write(`${s}=${Object.values(r!)[0]} `);
}
process.stderr.write('\n');
const now = new Date('2027-03-01T00:00:00Z');
const [published] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from policy_versions where notes = 'bench'`);
if (!published?.n) {
  await db.execute(sql`
    insert into policy_versions (version, effective_from, rules, notes)
    select version + 1, date '2027-01-01',
      rules || jsonb_build_object('obligations', ${JSON.stringify(SUGGESTED_OBLIGATION_RULES)}::jsonb), 'bench'
    from policy_versions order by version desc limit 1`);
  await db.execute(sql`
    update organisations set responsibility_level = (array['A','B','C'])[1 + (abs(hashtext(code)) % 3)]
    where kind = 'unit'`);
  await db.execute(sql`checkpoint`);
}
const sources = allObligationSources();
const runs = (process.env.RUNS ?? 'cold,warm').split(',');
for (const kind of runs) {
  if (kind === 'cold') {
    await db.execute(sql`truncate obligation_instances cascade`);
    await db.execute(sql`vacuum analyze obligation_instances`);
  }
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await recomputeObligations(db, sources, now, {}, { concurrency: process.env.DATABASE_URL ? 2 : 1 });
  const cpu = process.cpuUsage(cpu0);
  process.stderr.write(`${kind}: wall ${Math.round(performance.now() - t0)} ms cpu ${Math.round((cpu.user + cpu.system) / 1000)} ms ${JSON.stringify(r)} load ${(await import('node:os')).loadavg()[0].toFixed(1)}\n`);
}
await handle.close();
