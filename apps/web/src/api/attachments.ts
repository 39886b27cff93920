import type { Attachment, AttachmentOwnerType } from '@custodian/shared';
import { postForm } from './client.js';

/**
 * Uploads one file onto a record (POST /api/v1/attachments, multipart). The owner fields go
 * first: the server checks them before it reads the file. Used by the attachments panel and
 * by the obligation's "mark done" evidence.
 */
export async function uploadAttachment(
  owner: { ownerType: AttachmentOwnerType; ownerId: string },
  file: Blob,
  fileName: string,
): Promise<Attachment> {
  const form = new FormData();
  form.append('ownerType', owner.ownerType);
  form.append('ownerId', owner.ownerId);
  form.append('file', file, fileName);
  return postForm('/api/v1/attachments', form);
}
