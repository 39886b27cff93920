import { useQuery } from '@tanstack/react-query';
import type { Attachment, AttachmentOwnerType } from '@custodian/shared';
import { http, postForm, unwrap } from './client.js';
import { queryKeys } from './query-keys.js';

/**
 * The kinds of record files may hang on, as the server's modules registered them
 * (GET /api/v1/attachments/owner-types); they change only with a new server version.
 */
export function useAttachmentOwnerTypes(): readonly string[] | undefined {
  const query = useQuery({
    queryKey: queryKeys.attachments.ownerTypes,
    queryFn: () => unwrap(http.GET('/api/v1/attachments/owner-types')),
    staleTime: Infinity,
  });
  return query.data?.items;
}

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
