import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, ilike, sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../test/helpers.js';
import { makeOrganisation } from './factories.js';
import { makeHost } from './registry-factories.js';
import { hosts } from './schema/index.js';
import { forEachKeysetBatch, keysetAfter, keysetColumns, keysetOrder, splitKeyset, type KeyPart } from './keyset.js';

describe('keyset batches', () => {
  let t: TestDb;
  let orgId = '';

  beforeAll(async () => {
    t = await createTestDb();
    orgId = (await makeOrganisation(t.db, { kind: 'unit', code: 'U-KEYSET', name: '分批測試學校' })).id;
    // Ties on the first key (two zones), names out of insertion order.
    for (let i = 0; i < 23; i += 1) {
      await makeHost(t.db, { orgId, hostname: `ks-${String((i * 7) % 23).padStart(2, '0')}`, notes: `zone-${i % 2}` });
    }
  }, 120_000);
  afterAll(async () => {
    await t.drop();
  });

  // Zone descending, then name ascending, then id: directions mixed, as in the contracts report.
  const keys: KeyPart[] = [
    { expr: sql`${hosts.notes}`, direction: 'desc' },
    { expr: sql`${hosts.hostname}`, direction: 'asc' },
    { expr: sql`${hosts.id}`, direction: 'asc' },
  ];
  const read = (batch: { after?: readonly unknown[]; limit: number }) =>
    t.db
      .select({ ...keysetColumns(keys), hostname: hosts.hostname })
      .from(hosts)
      .where(and(ilike(hosts.hostname, 'ks-%'), keysetAfter(keys, batch.after)))
      .orderBy(...keysetOrder(keys))
      .limit(batch.limit)
      .then(splitKeyset);

  it('reads, batch after batch, exactly the rows of one ordered read', async () => {
    const whole = (await read({ limit: 100 })).rows.map((r) => r.hostname);
    expect(whole).toHaveLength(23);
    expect(whole.slice(0, 2)).toEqual(['ks-03', 'ks-04']); // zone-1 (odd i) first, by name
    const batched: string[] = [];
    const count = await forEachKeysetBatch({ batchSize: 4, maxRows: 1000 }, read, (rows) => {
      batched.push(...rows.map((r) => r.hostname));
    });
    expect(count).toBe(23);
    expect(batched).toEqual(whole);
  });

  it('stops at maxRows, and a row added behind the cursor is neither repeated nor shifts the rest', async () => {
    const first = await read({ limit: 5 });
    expect(first.rows).toHaveLength(5);
    expect(first.last).toHaveLength(3);
    // A host that sorts before the cursor arrives between two batches.
    await makeHost(t.db, { orgId, hostname: 'ks-00a', notes: 'zone-1' });
    const second = await read({ after: first.last, limit: 5 });
    const names = [...first.rows, ...second.rows].map((r) => r.hostname);
    expect(new Set(names).size).toBe(10);
    expect(names).not.toContain('ks-00a');
    let seen = 0;
    await forEachKeysetBatch({ batchSize: 4, maxRows: 10 }, read, (rows) => {
      seen += rows.length;
    });
    expect(seen).toBe(10);
  });
});
