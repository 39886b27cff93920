import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { openDatabase, type DbHandle } from '../db/client.js';
import { keyRingFrom } from './crypto.js';

/**
 * The OpenAPI document of every route, built from the route schemas without serving: an
 * in-memory database and a throwaway key, since only the route table is read. The typed
 * web client is generated from it (scripts/generate-api-types.ts).
 */
export async function buildOpenApiDocument(database?: DbHandle): Promise<Record<string, unknown>> {
  const db = database ?? (await openDatabase({}));
  try {
    const app = await buildApp({
      config: loadConfig({ DATA_DIR: '/nonexistent/custodian-openapi', LOG_LEVEL: 'silent' }),
      db,
      keys: keyRingFrom(Buffer.alloc(32)),
      logger: false,
    });
    try {
      await app.ready();
      return app.swagger() as unknown as Record<string, unknown>;
    } finally {
      await app.close();
    }
  } finally {
    if (!database) {
      await db.close();
    }
  }
}
