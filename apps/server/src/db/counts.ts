import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/*
 * Counts for the dashboard's snapshot (issue 12, ADR 0025). A module counts its cards per
 * organisation with its lists' own filters: one scan of its rows gives every card on every
 * day (`count(*) filter (where …)` per card and day), grouped by organisation, and a second
 * grouped by organisation and business owner for the rows owners see through the contracts
 * they own. The dashboard inserts the result into `dashboard_counts`.
 */

/** One card's count on one Taipei day: the rows of its list meeting `where` (undefined: every row). */
export type CardCount = { card: string; day: string; where: SQL | undefined };

/** `col = any($ids)` with the array as one parameter; undefined for 'all'. */
function inOrgs(col: AnyPgColumn | SQL, orgIds: readonly string[] | 'all'): SQL | undefined {
  return orgIds === 'all' ? undefined : sql`${col} = any(${sql.param([...orgIds])}::uuid[])`;
}

/**
 * The snapshot's rows `(card, day, org_id, owner_user_id, value)` of one module's cards.
 *
 * - `from`: the list's rows, a FROM clause with the joins the conditions read;
 * - `orgId`: the organisation a row belongs to (the one the list's tenancy reads);
 * - `supervisors`: when business owners see rows through the contracts they own (item 十四),
 *   the row's owner column (a contract's), or a SELECT of distinct `(row_id, owner_user_id)`
 *   pairs and the row's column they match (a system's contracts' owners);
 * - `orgIds`: the organisations refreshed, or 'all';
 * - `counts`: the cards, each on each day.
 *
 * Zero counts are left out.
 */
export function countSnapshotRows(options: {
  from: SQL;
  orgId: AnyPgColumn;
  supervisors?: { column: AnyPgColumn } | { pairs: SQL; rowId: AnyPgColumn };
  orgIds: readonly string[] | 'all';
  counts: readonly CardCount[];
}): SQL {
  const { from, orgId, supervisors, counts } = options;
  const where = inOrgs(orgId, options.orgIds);
  const whereSql = where ? sql` where ${where}` : sql``;
  const columns = sql.join(
    counts.map((c, i) => sql`count(*) filter (where ${c.where ?? sql`true`})::int as ${sql.identifier(`n${i}`)}`),
    sql`, `,
  );
  const byOrg = sql`select ${orgId} as org_id, null::uuid as owner_user_id, ${columns} from ${from}${whereSql} group by ${orgId}`;
  let grouped = byOrg;
  if (supervisors && 'column' in supervisors) {
    const owned = sql`${supervisors.column} is not null`;
    grouped = sql`${byOrg} union all select ${orgId}, ${supervisors.column}, ${columns} from ${from}
        where ${where ? sql`${where} and ${owned}` : owned} group by ${orgId}, ${supervisors.column}`;
  } else if (supervisors) {
    grouped = sql`${byOrg} union all select ${orgId}, sup.owner_user_id, ${columns} from ${from}
        join (${supervisors.pairs}) sup on sup.row_id = ${supervisors.rowId}${whereSql}
        group by ${orgId}, sup.owner_user_id`;
  }
  const values = sql.join(
    counts.map((c, i) => sql`(${c.card}::text, ${c.day}::date, g.${sql.identifier(`n${i}`)})`),
    sql`, `,
  );
  return sql`select v.card, v.day, g.org_id, g.owner_user_id, v.value
    from (${grouped}) g cross join lateral (values ${values}) v(card, day, value)
    where v.value > 0`;
}

/** The Taipei days a snapshot counts, each with the cards' filters of that day. */
export function cardCountsByDay<T extends { id: string }>(
  cards: readonly T[],
  days: readonly string[],
  where: (card: T, day: string) => SQL | undefined,
): CardCount[] {
  return days.flatMap((day) => cards.map((card) => ({ card: card.id, day, where: where(card, day) })));
}
