import canonicalize from 'canonicalize';
import { z } from 'zod';
import { hmacHex, safeEqual, type KeyRing } from '../../lib/crypto.js';

export const CHECKPOINT_FORMAT = 'custodian-audit-checkpoint';

/** Why a checkpoint was written; `restore` starts a new history (see currentEpoch). */
export const CHECKPOINT_REASONS = ['interval', 'shutdown', 'backup', 'restore', 'manual'] as const;
export type CheckpointReason = (typeof CHECKPOINT_REASONS)[number];

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * A signed statement of the audit chain's head, kept outside the database: "at time `at`
 * the chain held `count` events and ended at `seq` with `hash`". Someone who can edit the
 * database but not these files cannot cut the newest events off unnoticed.
 */
export const AuditCheckpointSchema = z.object({
  format: z.literal(CHECKPOINT_FORMAT).describe('Marks a Custodian audit checkpoint'),
  seq: z.number().int().min(1).describe('Seq of the newest event'),
  hash: hex64.describe('Chain hash of that event'),
  count: z.number().int().min(0).describe('Events in the table up to seq when written'),
  at: z.iso.datetime().describe('When the checkpoint was written'),
  reason: z.enum(CHECKPOINT_REASONS).describe('What wrote it'),
  keyFingerprint: z.string().describe('Fingerprint of the key that signed it'),
  mac: hex64.describe('HMAC-SHA256 over the canonical JSON of the other fields'),
});
export type AuditCheckpoint = z.infer<typeof AuditCheckpointSchema>;

/** The facts a checkpoint states, before signing. */
export type CheckpointFacts = { seq: number; hash: string; count: number; at: Date; reason: CheckpointReason };

function macOf(keys: KeyRing, body: Omit<AuditCheckpoint, 'mac'>): string {
  return hmacHex(keys.checkpointKey, canonicalize(body) ?? '');
}

/** Signs a checkpoint with the checkpoint key derived from the master key. */
export function signCheckpoint(keys: KeyRing, facts: CheckpointFacts): AuditCheckpoint {
  const body = {
    format: CHECKPOINT_FORMAT,
    seq: facts.seq,
    hash: facts.hash,
    count: facts.count,
    at: facts.at.toISOString(),
    reason: facts.reason,
    keyFingerprint: keys.fingerprint,
  } as const;
  return { ...body, mac: macOf(keys, body) };
}

/** Whether the checkpoint's HMAC is right under these keys. */
export function hasValidMac(keys: KeyRing, checkpoint: AuditCheckpoint): boolean {
  const { mac, ...body } = checkpoint;
  return safeEqual(mac, macOf(keys, body));
}

/** A file name that sorts by time, then seq: `20260301T101500.123Z-000000000090.json`. */
export function checkpointFileName(checkpoint: AuditCheckpoint): string {
  const time = checkpoint.at.replaceAll('-', '').replaceAll(':', '');
  return `${time}-${String(checkpoint.seq).padStart(12, '0')}.json`;
}

/** Newest first: by time written, then by seq. */
export function newestFirst(checkpoints: readonly AuditCheckpoint[]): AuditCheckpoint[] {
  return [...checkpoints].sort((a, b) => (a.at === b.at ? b.seq - a.seq : a.at < b.at ? 1 : -1));
}

/**
 * The checkpoints that describe the chain now in the database, newest first: all of them
 * back to (and including) the newest `restore` checkpoint. A restore replaces the data, so
 * checkpoints written before it describe a history that is gone on purpose.
 */
export function currentEpoch(checkpoints: readonly AuditCheckpoint[]): AuditCheckpoint[] {
  const sorted = newestFirst(checkpoints);
  const restore = sorted.findIndex((c) => c.reason === 'restore');
  return restore === -1 ? sorted : sorted.slice(0, restore + 1);
}

/** What a walk along the chain found, as needed to compare it with checkpoints. */
export type ChainFacts = {
  /** Newest retention anchor: events up to it were pruned legitimately. */
  anchor: { seq: number; hash: string } | null;
  /** The newest event in the table, or null when it holds none after the anchor. */
  head: { seq: number; hash: string } | null;
  /** Hash of each event found at a checkpointed seq. */
  hashAt: ReadonlyMap<number, string>;
};

export type CheckpointProblem = 'events_missing' | 'events_replaced';

/** Events a checkpoint vouches for that are gone (`events_missing`) or not the same any more. */
export type CheckpointFinding = {
  problem: CheckpointProblem;
  from: number;
  to: number;
  checkpoint: AuditCheckpoint;
};

function isMatched(facts: ChainFacts, checkpoint: AuditCheckpoint): boolean {
  if (facts.anchor && checkpoint.seq <= facts.anchor.seq) {
    // Pruned by retention; only the anchor's own seq can still be compared.
    return checkpoint.seq !== facts.anchor.seq || checkpoint.hash === facts.anchor.hash;
  }
  return facts.hashAt.get(checkpoint.seq) === checkpoint.hash;
}

/** The checkpoint the chain must reach: the highest seq of the current epoch. */
export function referenceCheckpoint(epoch: readonly AuditCheckpoint[]): AuditCheckpoint | undefined {
  // Within one epoch seqs only grow with time, so this is normally the newest; taking the
  // highest seq means an old checkpoint file renamed to look newer changes nothing.
  return epoch.reduce<AuditCheckpoint | undefined>((best, c) => (best && best.seq >= c.seq ? best : c), undefined);
}

/**
 * Compares the chain with the checkpoints of the current epoch. Every event up to the
 * reference checkpoint must still be there, and the event at its seq must be the one it
 * signed. When the table ends below the checkpoint, the events after the head are missing;
 * when it reaches the checkpoint with another event there (events were deleted and new ones
 * chained on), everything after the newest checkpoint that still matches was replaced.
 */
export function compareWithCheckpoints(facts: ChainFacts, epoch: readonly AuditCheckpoint[]): CheckpointFinding | null {
  const reference = referenceCheckpoint(epoch);
  if (!reference || isMatched(facts, reference)) {
    return null;
  }
  const headSeq = facts.head?.seq ?? facts.anchor?.seq ?? 0;
  if (headSeq < reference.seq) {
    return { problem: 'events_missing', from: headSeq + 1, to: reference.seq, checkpoint: reference };
  }
  const pruned = facts.anchor && facts.anchor.seq < reference.seq ? facts.anchor.seq : 0;
  const lastGood = epoch
    .filter((c) => c.seq < reference.seq && isMatched(facts, c))
    .reduce((seq, c) => Math.max(seq, c.seq), pruned);
  return { problem: 'events_replaced', from: lastGood + 1, to: reference.seq, checkpoint: reference };
}
