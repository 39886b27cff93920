import type { Readable } from 'node:stream';
import { fileTypeFromStream } from 'file-type';
import {
  AttachmentOwnerSchema,
  type Attachment,
  type AttachmentList,
  type AttachmentListQuery,
  type AttachmentOwner,
} from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { FileNotFoundError, FileTooLargeError, localFileStore, type FileStore } from '../../lib/file-store.js';
import { requireActor } from '../../lib/tenancy.js';
import { recordAudit } from '../audit/audit.service.js';
import { filesDir } from '../backup/backup.service.js';
import {
  assertCanReadOwner,
  assertCanWriteOwner,
  resolveOwner,
  type AttachmentOwners,
  type ResolvedOwner,
} from './attachments.access.js';
import {
  classifyContent,
  ContentSniffer,
  extensionOf,
  REFUSED_EXTENSIONS,
  sanitizeFileName,
} from './attachments.content.js';
import { presentAttachment } from './attachments.presenter.js';
import {
  deleteAttachmentRow,
  deleteAttachmentRowsOf,
  findAttachmentById,
  insertAttachment,
  listAttachments as listRows,
  type AttachmentWithUploader,
} from './attachments.repository.js';

/** The store attachments live in: DATA_DIR/files, which backups include. */
export function attachmentStore(deps: Pick<AppDeps, 'config'>): FileStore {
  return localFileStore(filesDir(deps));
}

/** An upload as the transport hands it over; the fields are unchecked. */
export type UploadInput = {
  ownerType: string | undefined;
  ownerId: string | undefined;
  fileName: string;
  content: AsyncIterable<Uint8Array>;
  /** Whether the transport cut the content short at its own size limit. */
  isTruncated(): boolean;
  /** Stops reading the content, when the upload is refused before it is read. */
  discard(): void;
};

async function* observed(source: AsyncIterable<Uint8Array>, sniffer: ContentSniffer) {
  for await (const chunk of source) {
    sniffer.update(chunk);
    yield chunk;
  }
}

/** The MIME type file-type finds in the stored bytes; undefined when it finds none. */
async function detectMimeType(store: FileStore, key: string): Promise<string | undefined> {
  const stream = await store.open(key);
  try {
    return (await fileTypeFromStream(stream))?.mime;
  } catch {
    // A damaged container (a truncated ZIP, say) is simply not a recognised type.
    return undefined;
  } finally {
    stream.destroy();
  }
}

/**
 * Stores an uploaded file for a record. The owner and the caller's right to change it are
 * checked before a byte is read; the bytes are hashed and measured on their way to the
 * store, refused when too large, empty, executable or of a type not on the list, and only
 * then recorded. The row and the stored file exist together or not at all.
 */
export async function uploadAttachment(
  deps: AppDeps,
  ctx: RequestContext,
  owners: AttachmentOwners,
  input: UploadInput,
): Promise<Attachment> {
  const actor = requireActor(ctx.actor);
  const parsed = AttachmentOwnerSchema.safeParse({ ownerType: input.ownerType, ownerId: input.ownerId });
  let fileName: string;
  let owner: ResolvedOwner;
  try {
    if (!parsed.success) {
      throw new AppError('VALIDATION_FAILED');
    }
    owner = await resolveOwner(deps.db, owners, parsed.data);
    await assertCanWriteOwner(deps.db, actor, owner);
    fileName = sanitizeFileName(input.fileName);
    if (REFUSED_EXTENSIONS.has(extensionOf(fileName))) {
      throw new AppError('FILE_TYPE_REFUSED');
    }
  } catch (err) {
    input.discard();
    throw err;
  }

  const store = attachmentStore(deps);
  const maxBytes = deps.config.ATTACHMENT_MAX_BYTES;
  const sniffer = new ContentSniffer();
  let stored;
  try {
    stored = await store.put(observed(input.content, sniffer), { maxBytes });
  } catch (err) {
    throw err instanceof FileTooLargeError ? new AppError('FILE_TOO_LARGE', { maxBytes }) : err;
  }

  try {
    if (input.isTruncated()) {
      throw new AppError('FILE_TOO_LARGE', { maxBytes });
    }
    if (stored.size === 0) {
      throw new AppError('FILE_EMPTY');
    }
    const { head, isText } = sniffer.result();
    const detected = await detectMimeType(store, stored.key);
    const verdict = classifyContent({ fileName, detected, head, isText });
    if (!verdict.accepted) {
      throw new AppError('FILE_TYPE_REFUSED', { reason: verdict.reason });
    }
    const uploadedBy = actor.via === 'system' ? null : actor.userId;
    const row = await deps.db.transaction(async (tx) => {
      const inserted = await insertAttachment(tx, {
        orgId: owner.orgId,
        ownerType: owner.ownerType,
        ownerId: owner.ownerId,
        storageKey: stored.key,
        fileName,
        mimeType: verdict.mimeType,
        sizeBytes: stored.size,
        sha256: stored.sha256,
        uploadedBy,
      });
      await recordAudit(tx, deps, ctx, {
        action: 'attachment.upload',
        orgId: owner.orgId,
        targetType: 'attachment',
        targetId: inserted.id,
        summary: {
          ownerType: owner.ownerType,
          ownerId: owner.ownerId,
          fileName,
          mimeType: verdict.mimeType,
          sizeBytes: stored.size,
          sha256: stored.sha256,
        },
      });
      return inserted;
    });
    return presentAttachment({ ...row, uploadedByName: uploadedBy ? actor.name : null });
  } catch (err) {
    await store.delete(stored.key).catch((cleanupError: unknown) => {
      deps.log.error({ err: cleanupError, key: stored.key }, 'could not remove a refused upload');
    });
    throw err;
  }
}

/** The files of one record, newest first, with the size limit uploads must respect. */
export async function listAttachments(
  deps: AppDeps,
  ctx: RequestContext,
  owners: AttachmentOwners,
  query: AttachmentListQuery,
): Promise<AttachmentList> {
  const actor = requireActor(ctx.actor);
  const owner = await resolveOwner(deps.db, owners, query);
  await assertCanReadOwner(deps, actor, owner, ctx.now);
  const { items, total } = await listRows(deps.db, query);
  return {
    items: items.map(presentAttachment),
    total,
    page: query.page,
    pageSize: query.pageSize,
    maxBytes: deps.config.ATTACHMENT_MAX_BYTES,
  };
}

/** One attachment the caller may read (its record's read scope); NOT_FOUND otherwise. */
export async function getAttachment(
  deps: AppDeps,
  ctx: RequestContext,
  owners: AttachmentOwners,
  id: string,
): Promise<AttachmentWithUploader> {
  const actor = requireActor(ctx.actor);
  const row = await findAttachmentById(deps.db, id);
  if (!row) {
    throw new AppError('NOT_FOUND');
  }
  await assertCanReadOwner(deps, actor, await resolveOwner(deps.db, owners, row), ctx.now);
  return row;
}

/** The bytes of an attachment already checked with getAttachment. */
export async function openAttachmentContent(deps: AppDeps, row: AttachmentWithUploader): Promise<Readable> {
  try {
    return await attachmentStore(deps).open(row.storageKey);
  } catch (err) {
    if (err instanceof FileNotFoundError) {
      // The row promises bytes the store no longer has: a server fault, not a client's.
      throw new Error(`attachment ${row.id}: stored file is missing`, { cause: err });
    }
    throw err;
  }
}

/** Removes an attachment: the row (with its audit event) first, then the stored file. */
export async function deleteAttachment(
  deps: AppDeps,
  ctx: RequestContext,
  owners: AttachmentOwners,
  id: string,
): Promise<void> {
  const actor = requireActor(ctx.actor);
  const row = await findAttachmentById(deps.db, id);
  if (!row) {
    throw new AppError('NOT_FOUND');
  }
  const owner = await resolveOwner(deps.db, owners, row);
  await assertCanWriteOwner(deps.db, actor, owner);
  const deleted = await deps.db.transaction(async (tx) => {
    const gone = await deleteAttachmentRow(tx, id);
    if (!gone) {
      throw new AppError('NOT_FOUND');
    }
    await recordAudit(tx, deps, ctx, {
      action: 'attachment.delete',
      orgId: gone.orgId,
      targetType: 'attachment',
      targetId: gone.id,
      summary: {
        ownerType: gone.ownerType,
        ownerId: gone.ownerId,
        fileName: gone.fileName,
        sizeBytes: gone.sizeBytes,
        sha256: gone.sha256,
      },
    });
    return gone;
  });
  await removeStoredFiles(deps, [deleted.storageKey]);
}

async function removeStoredFiles(deps: AppDeps, keys: string[]): Promise<void> {
  const store = attachmentStore(deps);
  for (const key of keys) {
    try {
      await store.delete(key);
    } catch (err) {
      // The row is gone, so the file is unreachable; an orphan is logged, not an error.
      deps.log.warn({ err, key }, 'could not remove the file of a deleted attachment');
    }
  }
}

/**
 * For modules that delete a record with files: removes the record's attachment rows inside
 * the caller's transaction and returns a function that removes the stored files, to call
 * after that transaction commits. The caller's own audit event covers the removal.
 */
export async function removeAttachmentsOf(
  deps: AppDeps,
  tx: Executor,
  owner: AttachmentOwner,
): Promise<() => Promise<void>> {
  const rows = await deleteAttachmentRowsOf(tx, owner);
  return () =>
    removeStoredFiles(
      deps,
      rows.map((r) => r.storageKey),
    );
}
