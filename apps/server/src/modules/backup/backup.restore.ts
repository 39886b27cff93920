import { createReadStream, existsSync } from 'node:fs';
import { chmod, cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { MIGRATIONS_DIR } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { RequestContext } from '../../lib/context.js';
import { KEY_FILE_NAME } from '../../lib/crypto.js';
import { findAuditChainHead, writeAuditCheckpoint } from '../audit/audit.anchor.js';
import { recordAudit } from '../audit/audit.service.js';
import { requirePermission } from '../../lib/permissions.js';
import { digestFile, extractArchive, listFiles } from './backup.archive.js';
import { resolveRestoreKeys, type SignatureCheck } from './backup.keys.js';
import { BackupManifestSchema, FILES_DIR, MANIFEST_FILE, type BackupManifest } from './backup.manifest.js';
import {
  countRows,
  hasUserData,
  insertRowsJson,
  resetSequences,
  truncateDerivedTables,
  truncateTables,
} from './backup.repository.js';
import { filesDir, type BackupDeps } from './backup.service.js';
import { listBackupTables, type BackupTable } from './backup.tables.js';

export type RestoreSummary = {
  createdAt: string;
  appVersion: string;
  tables: { name: string; rows: number }[];
  files: number;
  keyInstalled: boolean;
  signature: SignatureCheck;
  /** Seq of the checkpoint written for the restored chain, if one could be written. */
  checkpointSeq: number | null;
  /** Why that checkpoint could not be written (e.g. AUDIT_ANCHOR_DIR unreachable). */
  checkpointError: string | null;
};

/** Rows per INSERT; each batch is one JSON parameter, kept to a few megabytes. */
const INSERT_BATCH_ROWS = 500;
const INSERT_BATCH_BYTES = 4 * 1024 * 1024;

function invalid(reason: string): AppError {
  return new AppError('BACKUP_INVALID', { reason });
}

/** Lines of a UTF-8 file split on "\n" only (JSON text never contains a raw newline). */
async function* readLines(path: string): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  for await (const chunk of createReadStream(path)) {
    carry += decoder.write(chunk as Buffer);
    const parts = carry.split('\n');
    carry = parts.pop() ?? '';
    yield* parts;
  }
  carry += decoder.end();
  if (carry.length > 0) {
    yield carry;
  }
}

/** Reads and checks manifest.json and every entry's checksum, before anything is written. */
async function verifyExtracted(dir: string): Promise<BackupManifest> {
  let manifest: BackupManifest;
  try {
    const parsed = BackupManifestSchema.safeParse(JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')));
    if (!parsed.success) {
      throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    }
    manifest = parsed.data;
  } catch (err) {
    throw invalid(`manifest.json is missing or invalid: ${err instanceof Error ? err.message : String(err)}`);
  }
  const present = (await listFiles(dir, dir)).filter((p) => p !== MANIFEST_FILE);
  const unlisted = present.filter((p) => !(p in manifest.entries));
  if (unlisted.length > 0) {
    throw invalid(`entries not in the manifest: ${unlisted.slice(0, 3).join(', ')}`);
  }
  const lineCounts = new Map<string, number>();
  for (const [path, expected] of Object.entries(manifest.entries)) {
    if (!present.includes(path)) {
      throw invalid(`entry missing from the archive: ${path}`);
    }
    const actual = await digestFile(join(dir, path));
    if (actual.sha256 !== expected.sha256 || actual.size !== expected.size) {
      throw invalid(`checksum mismatch for ${path}`);
    }
    lineCounts.set(path, actual.lines);
  }
  const known = listBackupTables().map((t) => t.name);
  const listed = manifest.tables.map((t) => t.name);
  if (known.length !== listed.length || known.some((n) => !listed.includes(n))) {
    throw invalid(`the backup's tables (${listed.join(', ')}) differ from this version's (${known.join(', ')})`);
  }
  for (const table of manifest.tables) {
    if (lineCounts.get(table.file) !== table.rows) {
      throw invalid(`row count of ${table.name} does not match its file`);
    }
  }
  const latest = readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR }).at(-1);
  if (manifest.migration?.hash !== latest?.hash) {
    throw invalid('the backup was taken at a different schema version; restore it with the matching Custodian version');
  }
  return manifest;
}

/** The restored chain must end where the manifest's checkpoint says the snapshot ended. */
async function checkRestoredChainHead(tx: BackupDeps['db'], manifest: BackupManifest): Promise<void> {
  if (manifest.auditCheckpoint === undefined) {
    return;
  }
  const head = await findAuditChainHead(tx);
  const expected = manifest.auditCheckpoint;
  if ((head?.seq ?? null) !== (expected?.seq ?? null) || (head?.hash ?? null) !== (expected?.hash ?? null)) {
    throw invalid('the audit trail does not end at the checkpoint in the manifest');
  }
}

async function loadTable(tx: BackupDeps['db'], table: BackupTable, path: string): Promise<void> {
  let batch: string[] = [];
  let bytes = 0;
  const flush = async () => {
    if (batch.length > 0) {
      await insertRowsJson(tx, table, `[${batch.join(',')}]`);
      batch = [];
      bytes = 0;
    }
  };
  for await (const line of readLines(path)) {
    batch.push(line);
    bytes += line.length;
    // Rows that point at rows of the same table go in one statement: foreign keys are
    // checked at its end, so the order of parents and children does not matter.
    if (!table.selfReferencing && (batch.length >= INSERT_BATCH_ROWS || bytes >= INSERT_BATCH_BYTES)) {
      await flush();
    }
  }
  await flush();
}

/**
 * Restores a backup made by createBackup. Checks the manifest, every checksum, the row
 * counts, the schema version, the key fingerprint and the manifest's signature before
 * writing anything; refuses a database that already holds accounts unless `force`; then
 * migrates, replaces every table in one transaction, checks the counts and the audit
 * chain's head against the manifest's checkpoint, restores the files and, when the
 * archive carries the key and none is configured in the environment, installs it.
 * Finally it writes a `restore` checkpoint of the restored chain, so that verification
 * works on the restored copy and older checkpoints of the replaced data no longer apply.
 */
export async function restoreBackup(
  deps: BackupDeps,
  ctx: RequestContext,
  input: { file: string; force?: boolean; ignoreKeyMismatch?: boolean },
): Promise<RestoreSummary> {
  requirePermission(ctx, 'backup.run');
  const work = await mkdtemp(join(tmpdir(), 'custodian-restore-'));
  const stagedFiles = `${filesDir(deps)}.restoring`;
  try {
    await extractArchive(resolve(input.file), work);
    const manifest = await verifyExtracted(work);
    const hasData = await hasUserData(deps.db);
    const { keys, install, signature } = await resolveRestoreKeys(deps, {
      dir: work,
      manifest,
      ignoreKeyMismatch: input.ignoreKeyMismatch ?? false,
      hasData,
    });
    if (!input.force && hasData) {
      throw new AppError('DATABASE_NOT_EMPTY');
    }
    // Everything is checked; from here on we write. Files are staged first, so that a
    // full disk shows before the database is replaced.
    await rm(stagedFiles, { recursive: true, force: true });
    if (existsSync(join(work, FILES_DIR))) {
      await cp(join(work, FILES_DIR), stagedFiles, { recursive: true });
    }
    // The key, too, is staged before the database changes, so a failure to write it
    // cannot leave restored data encrypted under a key that is not installed.
    const keyPath = join(deps.config.dataDir, KEY_FILE_NAME);
    const stagedKey = `${keyPath}.restoring`;
    if (install) {
      await writeFile(stagedKey, `${install}\n`, { mode: 0o600 });
      await chmod(stagedKey, 0o600);
    }
    await deps.migrate();
    const tables = listBackupTables();
    await deps.db.transaction(async (tx) => {
      await truncateTables(tx, tables);
      await truncateDerivedTables(tx);
      for (const table of tables) {
        const file = manifest.tables.find((t) => t.name === table.name)?.file ?? '';
        await loadTable(tx, table, join(work, file));
        await resetSequences(tx, table);
      }
      for (const table of manifest.tables) {
        const spec = tables.find((t) => t.name === table.name);
        if (!spec || (await countRows(tx, spec)) !== table.rows) {
          throw invalid(`row count of ${table.name} differs after loading`);
        }
      }
      await checkRestoredChainHead(tx, manifest);
      await recordAudit(tx, { keys }, ctx, {
        action: 'backup.restore',
        targetType: 'system',
        summary: {
          backupCreatedAt: manifest.createdAt,
          appVersion: manifest.appVersion,
          force: input.force ?? false,
          signature,
        },
      });
    });
    const restoredFiles = Object.keys(manifest.entries).filter((p) => p.startsWith(`${FILES_DIR}/`));
    await rm(filesDir(deps), { recursive: true, force: true });
    if (existsSync(stagedFiles)) {
      await rename(stagedFiles, filesDir(deps));
    }
    if (install) {
      // A rename within one directory is atomic.
      await rename(stagedKey, keyPath);
    }
    // The restore is complete; a checkpoint that cannot be stored is reported, not fatal.
    let checkpointSeq: number | null = null;
    let checkpointError: string | null = null;
    try {
      const anchored = await writeAuditCheckpoint(
        { db: deps.db, keys, config: deps.config },
        { reason: 'restore', now: ctx.now },
      );
      checkpointSeq = anchored.status === 'written' ? anchored.checkpoint.seq : null;
    } catch (err) {
      checkpointError = err instanceof Error ? err.message : String(err);
    }
    return {
      createdAt: manifest.createdAt,
      appVersion: manifest.appVersion,
      tables: manifest.tables.map(({ name, rows }) => ({ name, rows })),
      files: restoredFiles.length,
      keyInstalled: install !== null,
      signature,
      checkpointSeq,
      checkpointError,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
    await rm(stagedFiles, { recursive: true, force: true });
    await rm(join(deps.config.dataDir, `${KEY_FILE_NAME}.restoring`), { force: true });
  }
}
