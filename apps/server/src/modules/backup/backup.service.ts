import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { APP_VERSION } from '@custodian/shared';
import { readDataFile } from '../../db/client.js';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { KEY_FILE_NAME } from '../../lib/crypto.js';
import { describeRefusal, signChainHead, writeAuditCheckpoint } from '../audit/audit.anchor.js';
import { recordAudit } from '../audit/audit.service.js';
import { requirePermission } from '../../lib/permissions.js';
import { digestFile, listFiles, writeArchive } from './backup.archive.js';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  FILES_DIR,
  KEY_ENTRY,
  MANIFEST_FILE,
  TABLES_DIR,
  signManifest,
  type BackupManifest,
} from './backup.manifest.js';
import { dumpTable, findLatestMigration } from './backup.repository.js';
import { listBackupTables } from './backup.tables.js';

/** What backup and restore need: the server's dependencies plus the migrator. */
export type BackupDeps = Pick<AppDeps, 'db' | 'driver' | 'config' | 'keys'> & { migrate(): Promise<void> };

export type BackupSummary = {
  file: string;
  tables: { name: string; rows: number }[];
  files: number;
  bytes: number;
  includesKey: boolean;
  /** Seq of the audit checkpoint in the manifest (null for an empty chain). */
  checkpointSeq: number | null;
  /** Why no checkpoint could be stored in the anchor directories, if so (e.g. the chain was cut short). */
  anchorProblem: string | null;
};

const DUMP_BATCH = 1000;

/** Attachments and other files live here, next to the embedded database. */
export function filesDir(deps: Pick<AppDeps, 'config'>): string {
  return join(deps.config.dataDir, FILES_DIR);
}

/** The master key as configured (ENCRYPTION_KEY or DATA_DIR/encryption.key). */
function readMasterKey(deps: Pick<AppDeps, 'config'>): string {
  const key = deps.config.ENCRYPTION_KEY ?? readDataFile(deps.config.dataDir, KEY_FILE_NAME)?.trim();
  if (!key) {
    throw new Error('No encryption key found to include in the backup');
  }
  return key;
}

/**
 * Checkpoints the chain head into the anchor directories. A refusal (the newest events
 * were deleted) or an unreachable AUDIT_ANCHOR_DIR is reported, not fatal: the backup
 * itself matters more, and it carries its own signed checkpoint.
 */
async function anchorHead(deps: BackupDeps, now: Date): Promise<string | null> {
  try {
    const result = await writeAuditCheckpoint(deps, { reason: 'backup', now });
    return result.status === 'refused' ? describeRefusal(result) : null;
  } catch (err) {
    return `no audit checkpoint could be stored: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** Writes every table as JSON lines, inside one REPEATABLE READ transaction. */
async function dumpTables(deps: BackupDeps, staging: string, now: Date) {
  const tables = listBackupTables();
  await mkdir(join(staging, TABLES_DIR));
  return deps.db.transaction(
    async (tx) => {
      const migration = await findLatestMigration(tx);
      const counts: BackupManifest['tables'] = [];
      for (const table of tables) {
        const file = `${TABLES_DIR}/${table.name}.jsonl`;
        const handle = await open(join(staging, file), 'w', 0o600);
        let rows = 0;
        try {
          await dumpTable(tx, {
            table,
            batchSize: DUMP_BATCH,
            onBatch: async (lines) => {
              await handle.write(`${lines.join('\n')}\n`);
              rows += lines.length;
            },
          });
        } finally {
          await handle.close();
        }
        counts.push({ name: table.name, file, rows });
      }
      // Signed inside the snapshot, so it names exactly the last event the backup holds.
      const auditCheckpoint = await signChainHead(tx, deps.keys, { reason: 'backup', now });
      return { migration, counts, auditCheckpoint };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/**
 * Writes a consistent snapshot of the database and DATA_DIR/files to a .tar.gz: one
 * JSON-lines file per table, taken in a single REPEATABLE READ transaction, the files,
 * and a manifest with row counts, SHA-256 of every entry, the migration level, the key
 * fingerprint and a signed checkpoint of the audit chain, signed as a whole with the
 * backup key. The chain head is also checkpointed into the anchor directories. With
 * `includeKey` the encryption key is stored too, and the archive must then be kept as
 * secret as the key.
 */
export async function createBackup(
  deps: BackupDeps,
  ctx: RequestContext,
  input: { file: string; includeKey?: boolean },
): Promise<BackupSummary> {
  requirePermission(ctx, 'backup.run');
  const file = resolve(input.file);
  const includeKey = input.includeKey ?? false;
  const masterKey = includeKey ? readMasterKey(deps) : undefined;
  // Recorded before the snapshot, so the backup contains its own event.
  await deps.db.transaction(async (tx) => {
    await recordAudit(tx, deps, ctx, {
      action: 'backup.create',
      targetType: 'system',
      summary: { file: basename(file), includesKey: includeKey },
    });
  });
  const staging = await mkdtemp(join(tmpdir(), 'custodian-backup-'));
  try {
    const { migration, counts, auditCheckpoint } = await dumpTables(deps, staging, ctx.now);
    const anchorProblem = await anchorHead(deps, ctx.now);
    const top = [TABLES_DIR];
    if (existsSync(filesDir(deps))) {
      await cp(filesDir(deps), join(staging, FILES_DIR), { recursive: true, dereference: false });
      top.push(FILES_DIR);
    }
    if (masterKey) {
      await writeFile(join(staging, KEY_ENTRY), `${masterKey}\n`, { mode: 0o600 });
      top.push(KEY_ENTRY);
    }
    const entries: BackupManifest['entries'] = {};
    const paths = (await listFiles(staging, staging)).filter((p) => p !== MANIFEST_FILE);
    for (const path of paths) {
      const { sha256, size } = await digestFile(join(staging, path));
      entries[path] = { sha256, size };
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      appVersion: APP_VERSION,
      createdAt: ctx.now.toISOString(),
      driver: deps.driver,
      migration,
      keyFingerprint: deps.keys.fingerprint,
      includesKey: includeKey,
      tables: counts,
      entries,
      auditCheckpoint,
    };
    manifest.signature = signManifest(deps.keys, manifest);
    await writeFile(join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    await writeArchive({ staging, file, entries: [MANIFEST_FILE, ...top] });
    const { size } = await digestFile(file);
    return {
      file,
      tables: counts.map(({ name, rows }) => ({ name, rows })),
      files: paths.filter((p) => p.startsWith(`${FILES_DIR}/`)).length,
      bytes: size,
      includesKey: includeKey,
      checkpointSeq: auditCheckpoint?.seq ?? null,
      anchorProblem,
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
