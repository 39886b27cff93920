import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_PG_URL, type TestDb } from './helpers.js';
import { takeQueryOverlaps } from './pg-overlap.js';

// The guard itself: were it to stop seeing overlaps (a pg upgrade renaming its internals),
// the PostgreSQL tier would pass over parallel queries in transactions again.
describe.skipIf(!TEST_PG_URL)('overlapping queries on one PostgreSQL client', () => {
  let db: TestDb;

  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => db.drop());

  it('records parallel queries on one transaction, with their SQL', async () => {
    await db.db.transaction(async (tx) => {
      await Promise.all([tx.execute(sql`select 1 as first`), tx.execute(sql`select 2 as second`)]);
    });
    const found = takeQueryOverlaps();
    expect(found).toHaveLength(1);
    expect(found[0]?.sql).toContain('select 2 as second');
  });

  it('records nothing for queries in turn, or in parallel on the pool', async () => {
    await db.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      await tx.execute(sql`select 2`);
    });
    await Promise.all([db.db.execute(sql`select 1`), db.db.execute(sql`select 2`), db.db.execute(sql`select 3`)]);
    expect(takeQueryOverlaps()).toEqual([]);
  });
});
