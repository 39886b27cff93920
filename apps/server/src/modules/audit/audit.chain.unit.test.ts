import { describe, expect, it } from 'vitest';
import { checkChainLink, computeEventHash, GENESIS_HASH, type ChainedFields, type ChainedRow } from './audit.chain.js';
import { neutraliseCell } from './audit.export.js';
import { retentionCutoff } from './audit.retention.js';

const key = Buffer.alloc(32, 1);

function event(seq: number, overrides: Partial<ChainedFields> = {}): ChainedFields {
  return {
    seq,
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)),
    actorUserId: null,
    actorLabel: 'admin@moe.gov.tw',
    orgId: null,
    action: 'organisation.create',
    targetType: 'organisation',
    targetId: String(seq),
    summary: { after: { name: '國立甲大學', code: `U${seq}` } },
    ip: '127.0.0.1',
    userAgent: 'vitest',
    requestId: null,
    ...overrides,
  };
}

/** Builds a valid chain of n rows. */
function chain(n: number): ChainedRow[] {
  const rows: ChainedRow[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq += 1) {
    const fields = event(seq);
    const hash = computeEventHash(key, prevHash, fields);
    rows.push({ ...fields, prevHash, hash });
    prevHash = hash;
  }
  return rows;
}

/** Walks rows like the verifier does; returns the first problem. */
function walk(rows: ChainedRow[]): { seq: number; problem: string } | null {
  const cursor = { expectedSeq: 1, prevHash: GENESIS_HASH };
  for (const row of rows) {
    const problem = checkChainLink(key, cursor, row);
    if (problem) {
      return { seq: problem === 'gap' ? cursor.expectedSeq : row.seq, problem };
    }
    cursor.expectedSeq = row.seq + 1;
    cursor.prevHash = row.hash;
  }
  return null;
}

describe('audit chain', () => {
  it('hashes canonically: key order in the summary does not matter', () => {
    const a = computeEventHash(key, GENESIS_HASH, event(1, { summary: { a: 1, b: { c: 2, d: 3 } } }));
    const b = computeEventHash(key, GENESIS_HASH, event(1, { summary: { b: { d: 3, c: 2 }, a: 1 } }));
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('depends on the key, the previous hash and every field', () => {
    const base = computeEventHash(key, GENESIS_HASH, event(1));
    expect(computeEventHash(Buffer.alloc(32, 2), GENESIS_HASH, event(1))).not.toBe(base);
    expect(computeEventHash(key, 'f'.repeat(64), event(1))).not.toBe(base);
    expect(computeEventHash(key, GENESIS_HASH, event(1, { ip: '10.0.0.1' }))).not.toBe(base);
    expect(computeEventHash(key, GENESIS_HASH, event(1, { occurredAt: new Date(0) }))).not.toBe(base);
  });

  it('accepts an intact chain', () => {
    expect(walk(chain(5))).toBeNull();
  });

  it('detects an edited row as a hash mismatch at that row', () => {
    const rows = chain(5);
    const third = rows[2];
    if (!third) {
      throw new Error('missing row');
    }
    rows[2] = { ...third, summary: { after: { name: '竄改' } } };
    expect(walk(rows)).toEqual({ seq: 3, problem: 'hash_mismatch' });
  });

  it('detects a deleted row as a gap at the missing seq', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(walk(rows)).toEqual({ seq: 2, problem: 'gap' });
  });

  it('detects renumbered rows after a deletion as a broken link', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    const renumbered = rows.map((r, i) => ({ ...r, seq: i + 1 }));
    expect(walk(renumbered)).toEqual({ seq: 2, problem: 'prev_mismatch' });
  });

  it('detects a row whose hash was recomputed without the key', () => {
    const rows = chain(3);
    const second = rows[1];
    if (!second) {
      throw new Error('missing row');
    }
    const forged = { ...second, actorLabel: 'someone@else' };
    rows[1] = { ...forged, hash: computeEventHash(Buffer.alloc(32, 9), forged.prevHash, forged) };
    expect(walk(rows)).toEqual({ seq: 2, problem: 'hash_mismatch' });
  });
});

describe('CSV cells', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])('neutralises %j', (value) => {
    expect(neutraliseCell(value)).toBe(`'${value}`);
  });

  it('leaves ordinary text alone', () => {
    expect(neutraliseCell('國立甲大學')).toBe('國立甲大學');
    expect(neutraliseCell('a=b')).toBe('a=b');
  });
});

describe('retention cutoff', () => {
  it('subtracts calendar months', () => {
    expect(retentionCutoff(new Date('2026-08-15T00:00:00Z'), 6).toISOString()).toBe('2026-02-15T00:00:00.000Z');
    expect(retentionCutoff(new Date('2026-03-10T12:00:00Z'), 24).toISOString()).toBe('2024-03-10T12:00:00.000Z');
  });
});
