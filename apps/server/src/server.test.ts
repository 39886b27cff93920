import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { systemContext } from './lib/context.js';
import { ANCHOR_DIR_NAME } from './modules/audit/audit.anchor-store.js';
import { recordAudit } from './modules/audit/audit.service.js';
import { startServer } from './server.js';
import { TEST_PG_URL } from './test/helpers.js';

/** The real server on a PGlite data directory (the PostgreSQL tier has no data directory to lock). */
describe.skipIf(Boolean(TEST_PG_URL))('server shutdown', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'custodian-server-test-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('checkpoints the audit chain head when it closes', async () => {
    const app = await startServer(loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' }));
    await app.deps.db.transaction(async (tx) => {
      await recordAudit(tx, app.deps, systemContext('test', new Date()), {
        action: 'test.event',
        targetType: 'system',
      });
    });
    await app.close();
    const dir = join(dataDir, ANCHOR_DIR_NAME);
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    // On a very slow machine the first periodic checkpoint (10 s after start) may come
    // between the event and the close; then the shutdown finds nothing new to write.
    expect(JSON.parse(readFileSync(join(dir, files[0] ?? ''), 'utf8'))).toMatchObject({
      seq: 1,
      reason: expect.stringMatching(/^(shutdown|interval)$/),
    });
  }, 120_000);
});
