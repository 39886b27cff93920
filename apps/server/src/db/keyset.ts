import { and, asc, desc, eq, gt, lt, or, type SQL } from 'drizzle-orm';

/*
 * Keyset batches for exports and reports (issue 12): a long read goes batch after batch by
 * the sort key of the previous batch's last row instead of by offset. A 100,000-row export
 * no longer reads 99,000 rows to skip them for its last batch, and a row added or deleted
 * between two batches neither repeats nor hides another row.
 */

/** One part of a keyset order. The parts together must be unique and never null. */
export type KeyPart = { expr: SQL; direction: 'asc' | 'desc' };

/** A batch of a keyset read: the rows after `after` (none for the first batch), at most `limit`. */
export type KeysetBatch = { after?: readonly unknown[]; limit: number };

/** Rows of a batch, and the key of its last row, the next batch's `after`. */
export type KeysetPage<R> = { rows: R[]; last?: unknown[] };

/** The ORDER BY of a keyset. */
export function keysetOrder(keys: readonly KeyPart[]): SQL[] {
  return keys.map(({ expr, direction }) => (direction === 'desc' ? desc(expr) : asc(expr)));
}

/**
 * "After the row whose key is `after`" in the keyset's order: for each part, the earlier
 * parts equal and this one beyond it (`>` ascending, `<` descending).
 */
export function keysetAfter(keys: readonly KeyPart[], after: readonly unknown[] | undefined): SQL | undefined {
  if (!after) {
    return undefined;
  }
  return or(
    ...keys.map((part, i) =>
      and(
        ...keys.slice(0, i).map((earlier, j) => eq(earlier.expr, after[j])),
        part.direction === 'desc' ? lt(part.expr, after[i]) : gt(part.expr, after[i]),
      ),
    ),
  );
}

/** The key's parts as selected columns `_k0`, `_k1`, …, read back by `splitKeyset`. */
export function keysetColumns(keys: readonly KeyPart[]): Record<string, SQL.Aliased> {
  return Object.fromEntries(keys.map(({ expr }, i) => [`_k${i}`, expr.as(`_k${i}`)]));
}

/** Separates the key columns from a batch's rows, keeping the last row's key. */
export function splitKeyset<R extends object>(keyed: readonly R[]): KeysetPage<R> {
  let last: unknown[] | undefined;
  const rows = keyed.map((row) => {
    const values: Record<string, unknown> = {};
    const key: unknown[] = [];
    for (const [name, value] of Object.entries(row)) {
      if (/^_k\d+$/.test(name)) {
        key[Number(name.slice(2))] = value;
      } else {
        values[name] = value;
      }
    }
    last = key;
    return values as R;
  });
  return { rows, last };
}

/**
 * Reads every batch of a keyset read in turn, up to `maxRows`, handing each to `write`.
 * Returns the number of rows read.
 */
export async function forEachKeysetBatch<R>(
  options: { batchSize: number; maxRows: number },
  fetch: (batch: KeysetBatch) => Promise<KeysetPage<R>>,
  write: (rows: R[]) => Promise<void> | void,
): Promise<number> {
  let after: unknown[] | undefined;
  let read = 0;
  while (read < options.maxRows) {
    const limit = Math.min(options.batchSize, options.maxRows - read);
    const { rows, last } = await fetch({ after, limit });
    await write(rows);
    read += rows.length;
    if (rows.length < limit) {
      break;
    }
    after = last;
  }
  return read;
}
