import { AppError } from '../../errors.js';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { moduleAttachmentOwners } from '../registry.js';
import { getAttachment } from '../attachments/attachments.service.js';

/** The types a signed scan may be: what a scanner or a phone produces. */
const SCAN_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/webp', 'image/gif']);

/**
 * A signed copy: an attachment of exactly this record (uploaded through the attachments
 * module, which refused executables and oversized files and kept the SHA-256), of a scan
 * type. AGREEMENT_COPY_INVALID otherwise.
 */
export async function attachedCopy(
  deps: AppDeps,
  ctx: RequestContext,
  owner: { ownerType: string; ownerId: string },
  attachmentId: string,
): Promise<{ id: string; sha256: string }> {
  let row;
  try {
    row = await getAttachment(deps, ctx, moduleAttachmentOwners(deps.modules), attachmentId);
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') {
      throw new AppError('AGREEMENT_COPY_INVALID');
    }
    throw err;
  }
  if (row.ownerType !== owner.ownerType || row.ownerId !== owner.ownerId || !SCAN_TYPES.has(row.mimeType)) {
    throw new AppError('AGREEMENT_COPY_INVALID');
  }
  return { id: row.id, sha256: row.sha256 };
}
