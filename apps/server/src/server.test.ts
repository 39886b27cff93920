import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeOrganisation, makeUser } from './db/factories.js';
import { loadConfig } from './config.js';
import { systemContext } from './lib/context.js';
import { ANCHOR_DIR_NAME } from './modules/audit/audit.anchor-store.js';
import { recordAudit } from './modules/audit/audit.service.js';
import { createSession, csrfTokenFor, SESSION_COOKIE } from './modules/auth/session.service.js';
import { describeStart, startServer } from './server.js';
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

/**
 * Without PUBLIC_URL the links follow the address the server really listens on (issue 11
 * defect 2: PORT=18481 used to give http://127.0.0.1:8080/invite/…). PORT=0 lets the system
 * pick the port, so only a real listen can know it.
 */
describe.skipIf(Boolean(TEST_PG_URL))('server address without PUBLIC_URL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'custodian-server-url-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('puts the real port into invitation links, which then work, and says where it runs', async () => {
    const app = await startServer(
      loadConfig({
        DATA_DIR: dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        MFA_REQUIRED_FOR_MINISTRY: 'false',
      }),
    );
    try {
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      expect(port).toBeGreaterThan(0);
      const base = `http://127.0.0.1:${port}`;
      expect(app.deps.config.PUBLIC_URL).toBe(base);
      expect(describeStart(app)).toContain(`running at ${base}`);

      const org = await makeOrganisation(app.deps.db, { kind: 'unit', name: '國立乙大學' });
      const admin = await makeUser(app.deps.db, { orgId: org.id, role: 'unit_admin' });
      const session = await createSession(app.deps, {
        userId: admin.id,
        stage: 'active',
        ip: '127.0.0.1',
        userAgent: 'vitest',
        now: app.deps.clock.now(),
      });
      const created = await fetch(`${base}/api/v1/users`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: `${SESSION_COOKIE}=${session.token}`,
          'x-csrf-token': csrfTokenFor(app.deps, session.sessionId),
        },
        body: JSON.stringify({
          email: 'new.member@example.edu.tw',
          name: '陳新人',
          role: 'unit_member',
          orgId: org.id,
        }),
      });
      expect(created.status).toBe(201);
      const { inviteUrl } = (await created.json()) as { inviteUrl: string };
      expect(inviteUrl).toMatch(new RegExp(`^${base}/invite/[A-Za-z0-9_-]+$`));

      // The link reaches this server: the page's API answers for the token it carries.
      const token = new URL(inviteUrl).pathname.split('/').pop() ?? '';
      const info = await fetch(new URL(`/api/v1/auth/invites/${token}`, inviteUrl));
      expect(info.status).toBe(200);
      expect(await info.json()).toMatchObject({ name: '陳新人', orgName: '國立乙大學' });
    } finally {
      await app.close();
    }
  }, 120_000);

  it('keeps an explicit PUBLIC_URL', () => {
    const config = loadConfig({ PORT: '18481', PUBLIC_URL: 'https://custodian.moe.edu.tw' });
    expect(config.PUBLIC_URL).toBe('https://custodian.moe.edu.tw');
    expect(config.publicUrlFromListen).toBe(false);
  });
});
