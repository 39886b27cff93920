import { z } from 'zod';

export const MAX_PAGE_SIZE = 100;

/**
 * The longest search text a list accepts, in characters. The web's search boxes stop
 * there; the server refuses a longer `q` with SEARCH_TOO_LONG (400).
 */
export const MAX_SEARCH_LENGTH = 100;

/** Query parameters common to every list endpoint. */
export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1).describe('1-based page number'),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20).describe('Rows per page'),
  q: z
    .string()
    .trim()
    .max(MAX_SEARCH_LENGTH, { message: 'SEARCH_TOO_LONG' })
    .optional()
    .describe(`Free-text search, at most ${MAX_SEARCH_LENGTH} characters`),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

/** Wraps an item schema into the paginated list envelope. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item).describe('Rows of this page'),
    total: z.number().int().describe('Rows matching the filter, over all pages'),
    totalIsEstimate: z
      .boolean()
      .optional()
      .describe(
        "True when `total` is the database planner's estimate rather than an exact count (more matching rows than a count is bounded to); show it as approximate",
      ),
    page: z.number().int().describe('1-based page number'),
    pageSize: z.number().int().describe('Rows per page'),
  });
}

export const IdParamSchema = z.object({ id: z.uuid().describe('Record id (UUID)') });
