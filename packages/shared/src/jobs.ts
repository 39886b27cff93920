import { z } from 'zod';
import { PageQuerySchema } from './pagination.js';

/** A job whose last attempt failed and that will not be retried (ADR 0013). */
export const FailedJobSchema = z.object({
  id: z.uuid().describe('Job id'),
  name: z.string().describe('Job name, `<domain>.<job>` (e.g. audit.retention)'),
  error: z.string().nullable().describe('Error message of the last attempt'),
  attempts: z.number().int().min(1).describe('Attempts made, the first included'),
  createdAt: z.string().describe('When the job was queued (ISO 8601, UTC)'),
  failedAt: z.string().nullable().describe('When the last attempt failed (ISO 8601, UTC)'),
});
export type FailedJob = z.infer<typeof FailedJobSchema>;

/** GET /api/v1/jobs/failed: newest failure first. */
export const FailedJobQuerySchema = PageQuerySchema.omit({ q: true });
export type FailedJobQuery = z.infer<typeof FailedJobQuerySchema>;
