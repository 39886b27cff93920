import { describe, expect, it } from 'vitest';
import { keyRingFrom } from '../../lib/crypto.js';
import {
  checkpointFileName,
  compareWithCheckpoints,
  currentEpoch,
  hasValidMac,
  signCheckpoint,
  type AuditCheckpoint,
  type ChainFacts,
  type CheckpointReason,
} from './audit.checkpoint.js';

const keys = keyRingFrom(Buffer.alloc(32, 5));
const h = (n: number) => n.toString(16).padStart(64, '0');

function cp(seq: number, minute: number, reason: CheckpointReason = 'interval', hash = h(seq)): AuditCheckpoint {
  return signCheckpoint(keys, { seq, hash, count: seq, at: new Date(Date.UTC(2026, 2, 1, 10, minute)), reason });
}

/** A table holding events 1..head with hashes h(seq), except where `replaced` says otherwise. */
function table(head: number, options: { anchor?: number; replaced?: number[] } = {}): ChainFacts {
  const hashAt = new Map<number, string>();
  for (let seq = (options.anchor ?? 0) + 1; seq <= head; seq += 1) {
    hashAt.set(seq, options.replaced?.includes(seq) ? h(10_000 + seq) : h(seq));
  }
  return {
    anchor: options.anchor ? { seq: options.anchor, hash: h(options.anchor) } : null,
    head: head > (options.anchor ?? 0) ? { seq: head, hash: hashAt.get(head) ?? '' } : null,
    hashAt,
  };
}

describe('audit checkpoint signature', () => {
  it('accepts its own HMAC and refuses any edited field or another key', () => {
    const signed = cp(90, 5);
    expect(signed).toMatchObject({ seq: 90, count: 90, reason: 'interval', keyFingerprint: keys.fingerprint });
    expect(hasValidMac(keys, signed)).toBe(true);
    expect(hasValidMac(keys, { ...signed, seq: 95 })).toBe(false);
    expect(hasValidMac(keys, { ...signed, hash: h(1) })).toBe(false);
    expect(hasValidMac(keys, { ...signed, at: '2027-01-01T00:00:00.000Z' })).toBe(false);
    expect(hasValidMac(keyRingFrom(Buffer.alloc(32, 6)), signed)).toBe(false);
  });

  it('uses its own key, not the chain key', () => {
    expect(keys.checkpointKey.equals(keys.auditKey)).toBe(false);
    expect(keys.checkpointKey.equals(keys.backupKey)).toBe(false);
  });

  it('names files so that they sort by time', () => {
    expect(checkpointFileName(cp(90, 5))).toBe('20260301T100500.000Z-000000000090.json');
    expect(checkpointFileName(cp(7, 6)) > checkpointFileName(cp(90, 5))).toBe(true);
  });
});

describe('comparing the chain with checkpoints', () => {
  const epoch = currentEpoch([cp(80, 0), cp(90, 5)]);

  it('passes when the event at the checkpoint is the one signed, and events came after it', () => {
    expect(compareWithCheckpoints(table(90), epoch)).toBeNull();
    expect(compareWithCheckpoints(table(120), epoch)).toBeNull();
    expect(compareWithCheckpoints(table(0), [])).toBeNull();
  });

  it('names the missing range when the newest events were deleted', () => {
    expect(compareWithCheckpoints(table(87), epoch)).toMatchObject({ problem: 'events_missing', from: 88, to: 90 });
  });

  it('notices that every event was deleted', () => {
    expect(compareWithCheckpoints(table(0), epoch)).toMatchObject({ problem: 'events_missing', from: 1, to: 90 });
  });

  it('notices events deleted and chained on again, back to the last checkpoint that matches', () => {
    expect(compareWithCheckpoints(table(93, { replaced: [88, 89, 90, 91, 92, 93] }), epoch)).toMatchObject({
      problem: 'events_replaced',
      from: 81,
      to: 90,
    });
  });

  it('accepts events pruned by retention below the checkpoint', () => {
    expect(compareWithCheckpoints(table(95, { anchor: 40 }), epoch)).toBeNull();
    // Pruned past the checkpoint: only the anchor's own seq can still be compared.
    expect(compareWithCheckpoints(table(120, { anchor: 100 }), epoch)).toBeNull();
    expect(compareWithCheckpoints(table(120, { anchor: 90 }), epoch)).toBeNull();
  });

  it('compares with the highest seq, so an old checkpoint renamed to look newer changes nothing', () => {
    const renamed = { ...cp(80, 0), at: '2026-03-01T11:00:00.000Z' };
    expect(compareWithCheckpoints(table(87), currentEpoch([renamed, cp(90, 5)]))).toMatchObject({
      problem: 'events_missing',
      to: 90,
    });
  });

  it('starts a new history at a restore, leaving older checkpoints of the replaced data aside', () => {
    const afterRestore = currentEpoch([cp(80, 0), cp(90, 5), cp(61, 10, 'restore', h(61)), cp(63, 15)]);
    expect(afterRestore.map((c) => c.seq)).toEqual([63, 61]);
    expect(compareWithCheckpoints(table(63), afterRestore)).toBeNull();
    expect(compareWithCheckpoints(table(62), afterRestore)).toMatchObject({ problem: 'events_missing', from: 63 });
  });
});
