import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ilike, sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../test/helpers.js';
import { makeOrganisation } from './factories.js';
import { makeHost } from './registry-factories.js';
import { hosts } from './schema/index.js';
import { boundedTotal, searchPage, sortOrder, type ListSort } from './totals.js';

describe('searchPage', () => {
  let t: TestDb;
  // Names whose order differs from their insertion order, with ties on the sort key.
  const names = Array.from({ length: 23 }, (_, i) => `web-${String((i * 7) % 23).padStart(2, '0')}`);
  let expected: { id: string; hostname: string; zone: string }[] = [];

  beforeAll(async () => {
    t = await createTestDb();
    const unit = await makeOrganisation(t.db, { kind: 'unit', code: 'U-SEARCH', name: '搜尋測試學校' });
    for (const [i, hostname] of names.entries()) {
      const host = await makeHost(t.db, { orgId: unit.id, hostname, notes: i % 3 === 0 ? 'zone-a' : 'zone-b' });
      expected.push({ id: host.id, hostname, zone: i % 3 === 0 ? 'zone-a' : 'zone-b' });
    }
    await makeHost(t.db, { orgId: unit.id, hostname: 'mail-01' });
  }, 120_000);
  afterAll(async () => {
    await t.drop();
  });

  const matches = (columns: Parameters<Parameters<typeof searchPage>[2]>[0], n: number) =>
    t.db.select(columns).from(hosts).where(ilike(hosts.hostname, 'web-%')).limit(n);
  const zoneDescNameAsc: ListSort = {
    keys: [
      { key: hosts.notes, direction: 'desc' },
      { key: hosts.hostname, direction: 'asc' },
    ],
    id: hosts.id,
  };
  const bothAsc: ListSort = {
    keys: [
      { key: hosts.notes, direction: 'asc' },
      { key: hosts.hostname, direction: 'asc' },
    ],
    id: hosts.id,
  };

  it('pages the matches in the list order, with the exact total, from one read', async () => {
    // zone descending, then name ascending, then id.
    expected = [...expected].sort(
      (a, b) => b.zone.localeCompare(a.zone) || a.hostname.localeCompare(b.hostname) || a.id.localeCompare(b.id),
    );
    const first = await searchPage(t.db, zoneDescNameAsc, matches, { page: 1, pageSize: 10 });
    const third = await searchPage(t.db, zoneDescNameAsc, matches, { page: 3, pageSize: 10 });
    expect(first).toEqual({ ids: expected.slice(0, 10).map((h) => h.id), total: 23, totalIsEstimate: false });
    expect(third).toEqual({ ids: expected.slice(20).map((h) => h.id), total: 23, totalIsEstimate: false });
    const beyond = await searchPage(t.db, zoneDescNameAsc, matches, { page: 4, pageSize: 10 });
    expect(beyond).toEqual({ ids: [], total: 23, totalIsEstimate: false });
  });

  it('cuts the same page as the ordered read of the list (one statement of the order)', async () => {
    const ordered = await t.db
      .select({ id: hosts.id })
      .from(hosts)
      .where(ilike(hosts.hostname, 'web-%'))
      .orderBy(...sortOrder(zoneDescNameAsc))
      .limit(10)
      .offset(10);
    const second = await searchPage(t.db, zoneDescNameAsc, matches, { page: 2, pageSize: 10 });
    expect(second?.ids).toEqual(ordered.map((r) => r.id));
  });

  it('gives way to the ordered scan when the search matches more than the bound', async () => {
    expect(await searchPage(t.db, bothAsc, matches, { page: 1, pageSize: 10 }, 22)).toBeUndefined();
    expect((await searchPage(t.db, bothAsc, matches, { page: 1, pageSize: 10 }, 23))?.total).toBe(23);
  });
});

describe('boundedTotal', () => {
  let t: TestDb;

  beforeAll(async () => {
    t = await createTestDb();
    const unit = await makeOrganisation(t.db, { kind: 'unit', code: 'U-TOTAL', name: '總數測試學校' });
    for (let i = 0; i < 30; i += 1) {
      await makeHost(t.db, { orgId: unit.id, hostname: `total-${String(i).padStart(2, '0')}` });
    }
    await t.db.execute(sql`analyze hosts`);
  }, 120_000);
  afterAll(async () => {
    await t.drop();
  });

  it('counts exactly up to the bound', async () => {
    expect(await boundedTotal(t.db, t.db.select({ id: hosts.id }).from(hosts), 30)).toEqual({
      total: 30,
      totalIsEstimate: false,
    });
  });

  it("beyond the bound, estimates the whole list, not the bounded count's limit + 1 rows", async () => {
    // The query builder is changed in place by `.limit()`; the estimate must still be of every row.
    expect(await boundedTotal(t.db, t.db.select({ id: hosts.id }).from(hosts), 5)).toEqual({
      total: 30,
      totalIsEstimate: true,
    });
  });
});
