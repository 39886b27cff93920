import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { SUGGESTED_OBLIGATION_RULES } from '@custodian/shared';
import { queryRows } from '../../db/client.js';
import { makeWorld, type World } from '../../db/factories.js';
import { makeAllocation, makeSystem } from '../../db/registry-factories.js';
import { createTestDb, type TestDb } from '../../test/helpers.js';
import { allObligationSources } from '../index.js';
import { recomputeObligations } from './obligations.engine.js';
import type { ObligationSource } from './obligations.sources.js';

/*
 * The first recompute into an empty table takes the bulk path (ADR 0029): indexes, keys
 * and foreign keys dropped, plain inserts, all rebuilt in the same transaction. These
 * tests hold it to the per-row path: the same rows, the same schema afterwards, the same
 * integrity checks, and nothing changed when it fails or when another process loaded first.
 */

const NOW = new Date('2027-03-01T00:00:00Z');
const SYSTEMS = 12;

/** Every index and constraint of the table, as the catalogue defines them. */
const schemaOf = async (db: TestDb) =>
  queryRows<{ kind: string; name: string; def: string }>(
    db.db,
    sql`SELECT 'index' AS kind, indexname::text AS name, indexdef AS def FROM pg_indexes WHERE tablename = 'obligation_instances'
        UNION ALL
        SELECT 'constraint', conname::text, pg_get_constraintdef(oid) FROM pg_constraint
        WHERE conrelid = 'obligation_instances'::regclass
        ORDER BY 1, 2`,
  );

/** The computed content of every instance (not its id nor its timestamps), in key order. */
const contentOf = async (db: TestDb) =>
  queryRows<Record<string, unknown>>(
    db.db,
    sql`SELECT to_jsonb(o) - 'id' - 'created_at' - 'updated_at' - 'done_at' AS row
        FROM obligation_instances o WHERE rule_id <> 'test.placeholder'
        ORDER BY rule_id, subject_type, subject_id, period_key`,
  );

const count = async (db: TestDb) =>
  (await queryRows<{ n: number }>(db.db, sql`SELECT count(*)::int AS n FROM obligation_instances`))[0]?.n;

/** The database's message of the error a promise rejects with (Drizzle wraps it as the cause). */
const failureOf = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
  } catch (err) {
    const cause = (err as { cause?: unknown }).cause;
    return String(cause instanceof Error ? cause.message : err);
  }
  throw new Error('expected the recompute to fail');
};

describe('obligations engine: the first recompute into an empty table (bulk load)', () => {
  let db: TestDb;
  let w: World;
  let schema: Awaited<ReturnType<typeof schemaOf>>;

  beforeAll(async () => {
    db = await createTestDb();
    w = await makeWorld(db.db);
    await db.db.execute(sql`
      insert into policy_versions (version, effective_from, rules, notes)
      select version + 1, date '2027-01-01',
        rules || jsonb_build_object('obligations', ${JSON.stringify(SUGGESTED_OBLIGATION_RULES)}::jsonb), 'engine test'
      from policy_versions order by version desc limit 1`);
    await db.db.execute(sql`update organisations set responsibility_level = 'A' where kind = 'unit'`);
    for (let i = 0; i < SYSTEMS; i += 1) {
      const system = await makeSystem(db.db, {
        orgId: i % 2 ? w.orgs.unitA.id : w.orgs.unitB.id,
        name: `系統 ${i}`,
        status: 'online',
        ...(i % 3 ? { contactsConfirmedAt: new Date(Date.UTC(2026, i, 10)) } : {}),
      });
      await makeAllocation(db.db, {
        systemId: system.id,
        orgId: i % 2 ? w.orgs.unitA.id : w.orgs.unitB.id,
        kind: 'domain',
        value: `s${i}.example.edu.tw`,
        network: null,
        startsOn: '2024-06-01',
        expiresOn: `2027-0${1 + (i % 9)}-15`,
      });
    }
    schema = await schemaOf(db);
  });
  afterAll(async () => {
    await db.drop();
  });
  beforeEach(async () => {
    await db.db.execute(sql`TRUNCATE obligation_instances`);
  });

  it('writes the same rows as the per-row path, rebuilds the same indexes and keys, and the next run writes nothing', async () => {
    // The schema this test compares with: the primary key, the unique key and four indexes; five foreign keys.
    expect(schema.filter((s) => s.kind === 'index')).toHaveLength(6);
    expect(schema.filter((s) => s.def.startsWith('FOREIGN KEY'))).toHaveLength(5);

    const bulk = await recomputeObligations(db.db, allObligationSources(), NOW);
    expect(bulk.inserted).toBeGreaterThan(SYSTEMS * 2);
    expect(await count(db)).toBe(bulk.inserted);
    expect(await schemaOf(db)).toEqual(schema);
    const loaded = await contentOf(db);
    expect(await recomputeObligations(db.db, allObligationSources(), NOW)).toEqual({
      inserted: 0,
      updated: 0,
      superseded: 0,
      cancelled: 0,
    });

    // The per-row path: the same recompute into a table that is not empty (one row of no rule).
    await db.db.execute(sql`TRUNCATE obligation_instances`);
    await db.db.execute(sql`
      INSERT INTO obligation_instances (rule_id, item, trigger, subject_type, subject_id, subject_name, period_key, org_id,
        policy_version_id, policy_version, anchor_on, period, computed_on, due_on, shift_to_working_day, calendar_imported,
        reminder_days, reminder_window_days, title_key, title_params, title_text, link)
      SELECT 'test.placeholder', '十', 'none', 'none', gen_random_uuid(), 'x', 'x', ${w.orgs.unitA.id}::uuid, id, version,
        date '2027-01-01', 'P1Y', date '2027-01-01', date '2027-01-01', false, false, '[]', 0, 'x', '{}', 'x', '/'
      FROM policy_versions ORDER BY version DESC LIMIT 1`);
    const perRow = await recomputeObligations(db.db, allObligationSources(), NOW);
    expect(perRow.inserted).toBe(bulk.inserted);
    expect(await contentOf(db)).toEqual(loaded);
  });

  it('checks the unique key as the per-row path does: a duplicate fails the load, which leaves the table empty and indexed', async () => {
    // A source that yields every system twice for the same period.
    const doubled = allObligationSources().map((s): ObligationSource =>
      s.trigger === 'system.contacts'
        ? { ...s, candidates: (q) => sql`(${s.candidates(q)}) UNION ALL (${s.candidates(q)})` }
        : s,
    );
    expect(await failureOf(recomputeObligations(db.db, doubled, NOW))).toMatch(
      /unique|duplicate|affect row a second time/i,
    );
    expect(await count(db)).toBe(0);
    expect(await schemaOf(db)).toEqual(schema);

    const result = await recomputeObligations(db.db, allObligationSources(), NOW);
    expect(result.inserted).toBeGreaterThan(0);
    expect(await schemaOf(db)).toEqual(schema);
  });

  it('checks the foreign keys: an instance of a unit that does not exist fails the load and stores nothing', async () => {
    const orphan = allObligationSources().map((s): ObligationSource =>
      s.trigger === 'system.contacts'
        ? {
            ...s,
            candidates: (q) =>
              sql`SELECT c."subjectId", c."subjectName", gen_random_uuid() AS "orgId", c."responsibleUserId", c."anchorOn",
                      c."periodKey", c.link, c."titleParams", c."owedSinceAnchor", c."fulfilledOn"
                    FROM (${s.candidates(q)}) c`,
          }
        : s,
    );
    expect(await failureOf(recomputeObligations(db.db, orphan, NOW))).toMatch(/foreign key/i);
    expect(await count(db)).toBe(0);
    expect(await schemaOf(db)).toEqual(schema);
  });

  it('loads once when two full recomputes start together on the empty table (the other finds it loaded)', async () => {
    const [a, b] = await Promise.all([
      recomputeObligations(db.db, allObligationSources(), NOW),
      recomputeObligations(db.db, allObligationSources(), NOW),
    ]);
    const stored = await count(db);
    expect(stored).toBeGreaterThan(SYSTEMS * 2);
    expect(a.inserted + b.inserted).toBe(stored);
    expect(Math.min(a.inserted, b.inserted)).toBe(0);
    expect(a.updated + b.updated + a.superseded + b.superseded + a.cancelled + b.cancelled).toBe(0);
    expect(await schemaOf(db)).toEqual(schema);
  });

  it('keeps the per-row path for a scoped recompute into an empty table', async () => {
    const [system] = await queryRows<{ id: string }>(db.db, sql`SELECT id FROM systems ORDER BY name LIMIT 1`);
    const result = await recomputeObligations(db.db, allObligationSources(), NOW, {
      trigger: 'system.contacts',
      subjectIds: [system?.id ?? ''],
    });
    expect(result.inserted).toBe(1);
    expect(await schemaOf(db)).toEqual(schema);
  });
});
