import { existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { AppConfig } from '../../config.js';
import type { KeyRing } from '../../lib/crypto.js';
import { AuditCheckpointSchema, checkpointFileName, hasValidMac, type AuditCheckpoint } from './audit.checkpoint.js';

/** Checkpoints live in DATA_DIR/audit-anchors: outside the database, next to the key. */
export const ANCHOR_DIR_NAME = 'audit-anchors';

/** Where checkpoints are kept: DATA_DIR/audit-anchors, then AUDIT_ANCHOR_DIR when set. */
export function anchorDirs(config: Pick<AppConfig, 'dataDir' | 'AUDIT_ANCHOR_DIR'>): string[] {
  const dirs = [join(config.dataDir, ANCHOR_DIR_NAME)];
  if (config.AUDIT_ANCHOR_DIR) {
    dirs.push(resolve(config.AUDIT_ANCHOR_DIR));
  }
  return dirs;
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function writeOne(dir: string, name: string, text: string): Promise<void> {
  // Created exclusively at its final name and never renamed or rewritten, so it also works
  // on append-only (chattr +a) and write-once mounts, where rename and overwrite are refused.
  let handle;
  try {
    handle = await open(join(dir, name), 'wx', 0o644);
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'EEXIST') {
      // Same time and seq: the same head was checkpointed twice in one millisecond.
      return;
    }
    throw err;
  }
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await syncDir(dir);
}

/**
 * Stores a checkpoint as its own file in every anchor directory, fsynced together with its
 * directory, so a checkpoint reported written survives a crash. DATA_DIR/audit-anchors is
 * created when missing; AUDIT_ANCHOR_DIR is not, because a missing mount point must fail
 * loudly rather than quietly fill the local disk.
 */
export async function storeCheckpoint(
  config: Pick<AppConfig, 'dataDir' | 'AUDIT_ANCHOR_DIR'>,
  checkpoint: AuditCheckpoint,
): Promise<void> {
  const [local, ...others] = anchorDirs(config);
  const name = checkpointFileName(checkpoint);
  const text = `${JSON.stringify(checkpoint)}\n`;
  if (local) {
    await mkdir(local, { recursive: true, mode: 0o700 });
    await writeOne(local, name, text);
  }
  for (const dir of others) {
    if (!existsSync(dir)) {
      throw new Error(`AUDIT_ANCHOR_DIR ${dir} does not exist`);
    }
    await writeOne(dir, name, text);
  }
}

export type StoredCheckpoints = {
  /** Checkpoints signed by the current key. */
  valid: AuditCheckpoint[];
  /** Files that claim the current key but fail their HMAC, or do not parse: tampering. */
  invalid: string[];
  /** Checkpoints signed by another key (another installation, or before a restore with another key). */
  foreign: number;
};

type Parsed = { kind: 'valid'; checkpoint: AuditCheckpoint } | { kind: 'invalid' } | { kind: 'foreign' } | null;

function parseCheckpoint(keys: KeyRing, text: string): Parsed {
  if (text.trim() === '') {
    // Created but never written: a crash between create and fsync. Not evidence of anything.
    return null;
  }
  let parsed;
  try {
    parsed = AuditCheckpointSchema.safeParse(JSON.parse(text));
  } catch {
    return { kind: 'invalid' };
  }
  if (!parsed.success) {
    return { kind: 'invalid' };
  }
  if (parsed.data.keyFingerprint !== keys.fingerprint) {
    return { kind: 'foreign' };
  }
  return hasValidMac(keys, parsed.data) ? { kind: 'valid', checkpoint: parsed.data } : { kind: 'invalid' };
}

async function listNames(dir: string): Promise<string[]> {
  if (!existsSync(dir)) {
    return [];
  }
  // Names sort by time written, so newest first is a reverse sort.
  return (await readdir(dir)).filter((name) => name.endsWith('.json')).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
}

/**
 * Reads the checkpoints of every anchor directory. With `newestOnly`, reads each directory
 * from its newest file name down and stops at the first valid checkpoint (what the writer
 * needs: in a write-once directory names cannot be changed, so that is the newest one);
 * otherwise reads every file (what verification needs, to report every forged one).
 */
export async function loadCheckpoints(
  keys: KeyRing,
  config: Pick<AppConfig, 'dataDir' | 'AUDIT_ANCHOR_DIR'>,
  options: { newestOnly?: boolean } = {},
): Promise<StoredCheckpoints> {
  const result: StoredCheckpoints = { valid: [], invalid: [], foreign: 0 };
  const seen = new Set<string>();
  for (const dir of anchorDirs(config)) {
    for (const name of await listNames(dir)) {
      const parsed = parseCheckpoint(keys, await readFile(join(dir, name), 'utf8'));
      if (parsed?.kind === 'valid') {
        // The same checkpoint is normally in both directories; count it once.
        if (!seen.has(parsed.checkpoint.mac)) {
          seen.add(parsed.checkpoint.mac);
          result.valid.push(parsed.checkpoint);
        }
        if (options.newestOnly) {
          break;
        }
      } else if (parsed?.kind === 'invalid') {
        result.invalid.push(join(dir, name));
      } else if (parsed?.kind === 'foreign') {
        result.foreign += 1;
      }
    }
  }
  return result;
}
