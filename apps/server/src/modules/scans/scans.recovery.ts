import pg from 'pg';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { attachmentStore } from '../attachments/attachments.service.js';
import { recordAudit } from '../audit/audit.service.js';
import type { ImportProgress } from './scans.import.js';
import { listRunningScanImports, updateRunningScanImport, type ScanImportRow } from './scans.repository.js';
import { deleteStage, purgeStaleStage, SCAN_LOCK_CLASS } from './scans.stage.repository.js';

/*
 * Crash safety of scan imports (issue 9). An import stays `running` in `scan_imports` while a
 * process parses it and stages its findings; if that process dies (SIGKILL, power loss), the
 * row, its staged findings and its uploaded file are left behind. `recoverScanImports` (the
 * `scans.recover-imports` job, run when a process's job runner starts and every 10 minutes)
 * fails such imports, deletes their staged rows and their files, and purges staged rows of
 * imports no longer running.
 *
 * Whether the process running an import is alive:
 * - on PGlite, one process at a time opens the data directory (db/client.ts), so an import
 *   is alive exactly when this process runs it (`runningImports`);
 * - on PostgreSQL, several processes may share the database. The process running an import
 *   holds a session advisory lock on it, on a connection of its own, for as long as it runs
 *   (`holdImportLock`); the database releases it when that process's connection dies. An
 *   import whose lock another process can take is abandoned.
 */

/** Progress of the imports running in this process, by import id. */
export const runningImports = new Map<string, ImportProgress>();

type PoolLike = Pick<pg.Pool, 'connect' | 'options'>;

/** The pool of a PostgreSQL database, or undefined on PGlite. */
function poolOf(deps: AppDeps): PoolLike | undefined {
  if (deps.driver !== 'postgres') {
    return undefined;
  }
  return (deps.db as unknown as { $client: PoolLike }).$client;
}

/**
 * Takes the import's lock (PostgreSQL) for as long as this process runs it; the function
 * returned releases it. The lock is taken before the import row exists, so no other process
 * sees the import running without its lock held. It is held on a connection of its own, outside
 * the pool: imports running at once never starve the pool their own queries need.
 */
export async function holdImportLock(deps: AppDeps, importId: string): Promise<() => Promise<void>> {
  const pool = poolOf(deps);
  if (!pool) {
    return async () => undefined;
  }
  const { connectionString, options } = pool.options as pg.PoolConfig;
  const client = new pg.Client({ connectionString, options });
  // A lost connection loses the lock; the import's own queries go on, on the pool.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select pg_advisory_lock($1, hashtext($2))', [SCAN_LOCK_CLASS, importId]);
  } catch (err) {
    await client.end().catch(() => undefined);
    throw err;
  }
  let released = false;
  return async () => {
    if (released) {
      return;
    }
    released = true;
    // Closing the connection releases the lock.
    await client.end().catch(() => undefined);
  };
}

/**
 * Whether the import was abandoned by a dead process; when it was, `release` (PostgreSQL) ends
 * the hold this check took on it, after the clean-up.
 */
async function claimAbandoned(
  deps: AppDeps,
  importId: string,
): Promise<{ abandoned: false } | { abandoned: true; release: () => Promise<void> }> {
  if (runningImports.has(importId)) {
    return { abandoned: false };
  }
  const pool = poolOf(deps);
  if (!pool) {
    return { abandoned: true, release: async () => undefined };
  }
  const client = await pool.connect();
  let taken: boolean;
  try {
    const { rows } = await client.query<{ taken: boolean }>('select pg_try_advisory_lock($1, hashtext($2)) as taken', [
      SCAN_LOCK_CLASS,
      importId,
    ]);
    taken = rows[0]?.taken === true;
  } catch (err) {
    client.release(err instanceof Error ? err : true);
    throw err;
  }
  if (!taken) {
    client.release();
    return { abandoned: false };
  }
  return {
    abandoned: true,
    release: async () => {
      try {
        await client.query('select pg_advisory_unlock($1, hashtext($2))', [SCAN_LOCK_CLASS, importId]);
        client.release();
      } catch (err) {
        client.release(err instanceof Error ? err : true);
      }
    },
  };
}

/** Fails one abandoned import: its staged rows and its file deleted, the failure audited. */
async function failAbandoned(deps: AppDeps, ctx: RequestContext, row: ScanImportRow): Promise<boolean> {
  await deleteStage(deps.db, row.id);
  const failed = await deps.db.transaction(async (tx) => {
    const updated = await updateRunningScanImport(tx, row.id, {
      status: 'failed',
      fileKey: null,
      errorCode: 'SCAN_IMPORT_INTERRUPTED',
      errorReason: null,
      finishedAt: ctx.now,
    });
    if (updated) {
      await recordAudit(tx, deps, ctx, {
        action: 'scan.import_failed',
        orgId: row.orgId,
        targetType: 'system',
        targetId: row.systemId,
        summary: {
          importId: row.id,
          fileName: row.fileName,
          sha256: row.fileSha256,
          errorCode: 'SCAN_IMPORT_INTERRUPTED',
          reason: null,
        },
      });
    }
    return updated;
  });
  if (failed && row.fileKey) {
    await attachmentStore(deps)
      .delete(row.fileKey)
      .catch((err: unknown) => {
        deps.log.error({ err, key: row.fileKey }, 'could not remove the file of an interrupted scan import');
      });
  }
  return failed;
}

/**
 * Fails the imports left running by dead processes (their staged rows and files deleted), then
 * purges staged rows of imports no longer running. Imports this or another live process runs
 * are left alone. Returns what it did, for the job's log.
 */
export async function recoverScanImports(
  deps: AppDeps,
  ctx: RequestContext,
): Promise<{ failed: string[]; purgedRows: number }> {
  const failed: string[] = [];
  for (const row of await listRunningScanImports(deps.db)) {
    const claim = await claimAbandoned(deps, row.id);
    if (!claim.abandoned) {
      continue;
    }
    try {
      if (await failAbandoned(deps, ctx, row)) {
        failed.push(row.id);
      }
    } finally {
      await claim.release();
    }
  }
  const purgedRows = await purgeStaleStage(deps.db);
  return { failed, purgedRows };
}
