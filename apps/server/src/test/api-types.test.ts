import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TYPES_FILE, renderApiTypes } from './api-types.js';
import { createTestDb, type TestDb } from './helpers.js';

describe('typed web client', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('was generated from the routes as they are (run `npm run api:generate` after changing one)', async () => {
    const committed = await readFile(API_TYPES_FILE, 'utf8');
    const current = await renderApiTypes(db);
    // Compared line by line so a stale file names the first operation that changed.
    const committedLines = committed.split('\n');
    const firstDifference = current.split('\n').findIndex((line, index) => line !== committedLines[index]);
    expect(
      firstDifference === -1 ? null : current.split('\n').slice(Math.max(0, firstDifference - 3), firstDifference + 3),
    ).toBeNull();
    expect(current).toBe(committed);
  });
});
