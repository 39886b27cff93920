/**
 * Writes apps/web/src/api/schema.gen.ts, the types of every API operation, from the
 * OpenAPI document the server builds from its Zod route schemas. Run it after changing a
 * route: `npm run api:generate`. A server test fails while the file is out of date.
 */
import { writeFile } from 'node:fs/promises';
import { API_TYPES_FILE, renderApiTypes } from '../apps/server/src/test/api-types.js';

await writeFile(API_TYPES_FILE, await renderApiTypes());
process.stdout.write(`wrote ${API_TYPES_FILE}\n`);
