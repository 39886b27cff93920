import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client.js';

/*
 * pg-boss offers no query by state, so these read its job table (`pgboss.job`, partitioned
 * by queue name) directly. Only columns pg-boss has kept since version 10 are used; the
 * tests run them on both drivers, so a change in pg-boss shows there first.
 */

/** Whether pg-boss has installed its tables: the runner's first start does, after listen. */
async function hasJobTables(db: Executor): Promise<boolean> {
  const [row] = await queryRows<{ ok: boolean }>(db, sql`select to_regclass('pgboss.job') is not null as ok`);
  return row?.ok === true;
}

export type FailedJobRow = {
  id: string;
  name: string;
  retryCount: number;
  output: unknown;
  createdOn: Date | string;
  completedOn: Date | string | null;
};

/** Jobs that failed for good, newest first, with the total. */
export async function findFailedJobs(
  db: Executor,
  page: { limit: number; offset: number },
): Promise<{ rows: FailedJobRow[]; total: number }> {
  if (!(await hasJobTables(db))) {
    return { rows: [], total: 0 };
  }
  const rows = await queryRows<FailedJobRow>(
    db,
    sql`select id, name, retry_count as "retryCount", output, created_on as "createdOn", completed_on as "completedOn"
      from pgboss.job where state = 'failed'
      order by completed_on desc nulls last, id
      limit ${page.limit} offset ${page.offset}`,
  );
  const [count] = await queryRows<{ total: number }>(
    db,
    sql`select count(*)::int as total from pgboss.job where state = 'failed'`,
  );
  return { rows, total: count?.total ?? 0 };
}

export type OpenJobCount = { name: string; queued: number; active: number };

/** Jobs waiting (new or due for a retry) and running, per queue, in every process. */
export async function countOpenJobs(db: Executor): Promise<OpenJobCount[]> {
  if (!(await hasJobTables(db))) {
    return [];
  }
  return queryRows<OpenJobCount>(
    db,
    sql`select name,
        count(*) filter (where state in ('created', 'retry'))::int as queued,
        count(*) filter (where state = 'active')::int as active
      from pgboss.job where state in ('created', 'retry', 'active')
      group by name order by name`,
  );
}
