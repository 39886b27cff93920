import { randomUUID } from 'node:crypto';
import { accessOfSystems, assertSystemsAccess, systemsAccess } from '../../lib/access-conditions.js';
import type { Scan, ScanImport, ScanImportQuery, ScanListQuery } from '@custodian/shared';
import { AppError } from '../../errors.js';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { FileTooLargeError } from '../../lib/file-store.js';
import { requireActor, resolveRegistryScope } from '../../lib/tenancy.js';
import { sanitizeFileName } from '../attachments/attachments.content.js';
import { attachmentStore } from '../attachments/attachments.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { findManageableSystem } from '../systems/systems.service.js';
import { detectScanFormat, parseScan, SCAN_PARSE_LIMITS } from './parsers/index.js';
import { importScanEvents, type ImportProgress } from './scans.import.js';
import { holdImportLock, runningImports } from './scans.recovery.js';
import { presentScan, presentScanImport } from './scans.presenter.js';
import {
  findScanImport,
  findVisibleScan,
  insertScanImport,
  listScans as listRows,
  updateRunningScanImport,
} from './scans.repository.js';
import { isSystemVisibleTo } from './scans.tenancy.js';

/** A scan file as the transport hands it over: streamed, never buffered whole. */
export type ScanUpload = {
  fileName: string;
  content: AsyncIterable<Uint8Array>;
  /** Whether the transport cut the content short at its own size limit. */
  isTruncated(): boolean;
  /** Stops reading the content, when the upload is refused before it is read. */
  discard(): void;
};

/** Progress of the imports running in this process, by import id (a poller elsewhere sees the stored status). */
const running = runningImports;

/** Reads the head of a stored file to detect its format from the content. */
async function detectStoredFormat(deps: AppDeps, key: string): Promise<string | undefined> {
  const stream = await attachmentStore(deps).open(key);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buffer = chunk as Buffer;
      chunks.push(buffer);
      size += buffer.length;
      if (size >= SCAN_PARSE_LIMITS.detectBytes) {
        break;
      }
    }
  } finally {
    stream.destroy();
  }
  return detectScanFormat(Buffer.concat(chunks).subarray(0, SCAN_PARSE_LIMITS.detectBytes));
}

/**
 * Imports a scan file into a system (issue 9). The system must be one the caller manages
 * (NOT_FOUND outside their read scope, FORBIDDEN outside their manage scope), checked before a
 * byte is read. The upload streams to the file store, hashed on the way; then the parse and
 * the database work run in the background (or, with `wait`, before the answer): staged in
 * short transactions, merged in one final one (scans.import.ts). A refused or crashed import stores nothing and removes the file.
 */
export async function startScanImport(
  deps: AppDeps,
  ctx: RequestContext,
  input: { query: ScanImportQuery; upload: ScanUpload },
): Promise<ScanImport> {
  const actor = requireActor(ctx.actor);
  const { upload, query } = input;
  let system;
  try {
    ({ row: system } = await findManageableSystem(deps.db, actor, query.systemId, ctx.now));
  } catch (err) {
    upload.discard();
    throw err;
  }
  const store = attachmentStore(deps);
  const maxBytes = deps.config.SCAN_MAX_BYTES;
  let stored;
  try {
    stored = await store.put(upload.content, { maxBytes });
  } catch (err) {
    throw err instanceof FileTooLargeError ? new AppError('SCAN_FILE_TOO_LARGE', { maxBytes }) : err;
  }
  if (upload.isTruncated() || stored.size === 0) {
    await store.delete(stored.key);
    throw new AppError(stored.size === 0 ? 'SCAN_FILE_EMPTY' : 'SCAN_FILE_TOO_LARGE', { maxBytes });
  }
  const orgId = system.system.orgId;
  // Marked running in this process, and locked (scans.recovery.ts), before the row exists: the
  // recovery never takes a live import for an abandoned one.
  const importId = randomUUID();
  const progress: ImportProgress = { bytes: 0, findings: 0 };
  running.set(importId, progress);
  let release: () => Promise<void>;
  let row;
  try {
    release = await holdImportLock(deps, importId);
  } catch (err) {
    running.delete(importId);
    await store.delete(stored.key);
    throw err;
  }
  try {
    row = await insertScanImport(deps.db, {
      id: importId,
      orgId,
      systemId: system.system.id,
      uploadedBy: actor.via === 'system' ? null : actor.userId,
      fileName: sanitizeFileName(upload.fileName),
      fileKey: stored.key,
      fileSize: stored.size,
      fileSha256: stored.sha256,
      status: 'running',
      createdAt: ctx.now,
    });
  } catch (err) {
    running.delete(importId);
    await release();
    await store.delete(stored.key);
    throw err;
  }
  const done = runImport(deps, ctx, { importId: row.id, orgId, progress }).finally(async () => {
    running.delete(importId);
    await release();
  });
  if (query.wait === 'true') {
    const failure = await done;
    if (failure) {
      throw failure;
    }
  }
  return getScanImport(deps, ctx, row.id);
}

/** Runs the parse and the import; resolves with the refusal (or crash) when it failed, never rejects. */
async function runImport(
  deps: AppDeps,
  ctx: RequestContext,
  input: { importId: string; orgId: string; progress: ImportProgress },
): Promise<AppError | Error | undefined> {
  const row = await findScanImport(deps.db, input.importId);
  if (!row?.fileKey) {
    return new Error('scan import vanished');
  }
  const fileKey = row.fileKey;
  const store = attachmentStore(deps);
  try {
    const format = await detectStoredFormat(deps, fileKey);
    const stream = await store.open(fileKey);
    try {
      await importScanEvents(deps, ctx, {
        target: {
          importId: row.id,
          orgId: input.orgId,
          systemId: row.systemId,
          uploadedBy: row.uploadedBy,
          format: format ?? 'unknown',
          file: { key: fileKey, name: row.fileName, size: row.fileSize, sha256: row.fileSha256 },
        },
        events: parseScan(stream, { maxBytes: deps.config.SCAN_MAX_BYTES }),
        progress: input.progress,
      });
    } finally {
      stream.destroy();
    }
    return undefined;
  } catch (err) {
    const appError = err instanceof AppError ? err : undefined;
    if (!appError) {
      deps.log.error({ err, importId: row.id }, 'scan import failed');
    }
    await store.delete(fileKey).catch((cleanupError: unknown) => {
      deps.log.error({ err: cleanupError, key: fileKey }, 'could not remove the file of a failed scan import');
    });
    const reason = appError?.details?.reason;
    await deps.db.transaction(async (tx) => {
      const updated = await updateRunningScanImport(tx, row.id, {
        status: 'failed',
        fileKey: null,
        errorCode: appError?.code ?? 'INTERNAL',
        errorReason: typeof reason === 'string' ? reason : null,
        bytesParsed: input.progress.bytes,
        findingsParsed: input.progress.findings,
        finishedAt: ctx.now,
      });
      if (!updated) {
        return;
      }
      await recordAudit(tx, deps, ctx, {
        action: 'scan.import_failed',
        orgId: input.orgId,
        targetType: 'system',
        targetId: row.systemId,
        summary: {
          importId: row.id,
          fileName: row.fileName,
          sha256: row.fileSha256,
          errorCode: appError?.code ?? 'INTERNAL',
          reason: typeof reason === 'string' ? reason : null,
        },
      });
    });
    return appError ?? (err instanceof Error ? err : new Error(String(err)));
  }
}

/** An import's status and progress (bytes and findings so far), for the uploader's poll. */
export async function getScanImport(deps: AppDeps, ctx: RequestContext, id: string): Promise<ScanImport> {
  const actor = requireActor(ctx.actor);
  const row = await findScanImport(deps.db, id);
  if (!row || !(await isSystemVisibleTo(deps, actor, row.systemId))) {
    throw new AppError('NOT_FOUND');
  }
  await assertSystemsAccess(deps, actor, { systemIds: [row.systemId], now: ctx.now });
  const scope = await resolveRegistryScope(deps.db, actor);
  const scan = row.scanId ? await findVisibleScan(deps.db, { scope, id: row.scanId }) : undefined;
  return presentScanImport(row, { progress: running.get(row.id), scan: scan ? presentScan(scan) : null });
}

/** Scans the caller may read, newest first. */
export async function listScans(deps: AppDeps, ctx: RequestContext, query: ScanListQuery) {
  const actor = requireActor(ctx.actor);
  const scope = await resolveRegistryScope(deps.db, actor);
  const { items, total, totalIsEstimate } = await listRows(deps.db, { scope, query });
  // Item 六 (ADR 0028): a scan of a system the actor may not open is listed, marked so.
  const access = await systemsAccess(deps, actor, { systemIds: items.map((row) => row.systemId), now: ctx.now });
  return {
    items: items.map((row) => presentScan(row, accessOfSystems(access, [row.systemId]))),
    total,
    totalIsEstimate,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** One scan with its summary; NOT_FOUND outside the caller's scope. */
export async function getScan(deps: AppDeps, ctx: RequestContext, id: string): Promise<Scan> {
  const actor = requireActor(ctx.actor);
  const scope = await resolveRegistryScope(deps.db, actor);
  const row = await findVisibleScan(deps.db, { scope, id });
  if (!row) {
    throw new AppError('NOT_FOUND');
  }
  // Other modules' conditions on its system's contracts (item 六), after tenancy.
  await assertSystemsAccess(deps, actor, { systemIds: [row.systemId], now: ctx.now });
  return presentScan(row);
}
