import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { SUGGESTED_OBLIGATION_RULES } from '@custodian/shared';
import { queryRows } from '../../db/client.js';
import { makeWorld } from '../../db/factories.js';
import { createTestDb, TEST_KEY, TEST_PG_URL, type TestDb } from '../../test/helpers.js';
import { startTestSmtpServer } from '../../test/smtp.js';
import { allObligationSources } from '../index.js';
import { addDays } from './obligations.dates.js';
import { recomputeObligations } from './obligations.engine.js';
import { stagesOf } from './obligations.notify.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', '..');
const CHILD = join(REPO, 'apps', 'server', 'src', 'test', 'fixtures', 'obligations-process.ts');
const FIRST_DAY = '2027-03-01';
const DAYS = 7;
const SYSTEMS = 1000;
const RULE = SUGGESTED_OBLIGATION_RULES.find((r) => r.id === 'contacts.reconfirm');

type Child = {
  process: ChildProcessWithoutNullStreams;
  ready: Promise<void>;
  exited: Promise<number | null>;
  /** Runs one day's jobs at 08:00 Taipei and resolves when the child printed `done`. */
  day(date: string): Promise<void>;
};

function startChild(db: TestDb, dataDir: string, smtpUrl: string): Child {
  const child = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', CHILD], {
    cwd: REPO,
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      SMTP_URL: smtpUrl,
      ENCRYPTION_KEY: TEST_KEY.toString('base64'),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      CUSTODIAN_TEST_NOW: `${FIRST_DAY}T00:00:00.000Z`,
    },
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waiting: ((line: string) => void)[] = [];
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    void exited.then((code) => reject(new Error(`child exited with ${String(code)} before it was ready:\n${stderr}`)));
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line === 'ready') {
      markReady();
    } else {
      waiting.shift()?.(line);
    }
  });
  return {
    process: child,
    ready,
    exited,
    day: (date) =>
      new Promise<void>((resolve, reject) => {
        waiting.push((line) => (line === 'done' ? resolve() : reject(new Error(`${line}\n${stderr}`))));
        child.stdin.write(`day ${date}T00:00:00.000Z\n`);
      }),
  };
}

/**
 * Two real server processes share one PostgreSQL database and one SMTP server. Over a
 * simulated week, both run the reminder job and the outbox sender at the same instants,
 * through their job runners: each (obligation, stage, recipient) must be mailed exactly
 * once. PostgreSQL only: PGlite is one process's database and cannot be shared.
 */
describe.skipIf(!TEST_PG_URL)('obligation reminders across two processes (PostgreSQL only)', () => {
  it(
    'mails each reminder and escalation of 1,000 obligations exactly once over a week',
    { timeout: 120_000 },
    async () => {
      if (!RULE) {
        throw new Error('no contacts rule');
      }
      const db = await createTestDb();
      const smtp = await startTestSmtpServer();
      const dirs = [mkdtempSync(join(tmpdir(), 'custodian-obl-a-')), mkdtempSync(join(tmpdir(), 'custodian-obl-b-'))];
      const children: Child[] = [];
      try {
        const w = await makeWorld(db.db);
        await db.db.execute(sql`
        insert into policy_versions (version, effective_from, rules, notes)
        select version + 1, date '2027-01-01',
          rules || jsonb_build_object('obligations', ${JSON.stringify([RULE])}::jsonb), 'two processes'
        from policy_versions order by version desc limit 1`);
        // Confirmed over a year: about a tenth overdue, a tenth within the reminders' 30 days, the rest later.
        await db.db.execute(sql`
        insert into systems (org_id, name, status, policy_version_id, contacts_confirmed_at)
        select ${w.orgs.unitA.id}::uuid, '系統' || n, 'online', (select id from policy_versions order by version limit 1),
          timestamptz '2026-02-01 10:00:00+08' + make_interval(days => n % 365)
        from generate_series(1, ${SYSTEMS}::int) n`);
        const result = await recomputeObligations(db.db, allObligationSources(), new Date(`${FIRST_DAY}T00:00:00Z`));
        expect(result.inserted).toBe(SYSTEMS);

        // What a single process would send: each stage an instance reaches during the week, once.
        const instances = await queryRows<{ id: string; dueOn: string }>(
          db.db,
          sql`select id, due_on::text as "dueOn" from obligation_instances`,
        );
        const expected = new Set<string>();
        for (let d = 0; d < DAYS; d += 1) {
          const day = addDays(FIRST_DAY, d);
          for (const i of instances) {
            const days = Math.round((Date.parse(i.dueOn) - Date.parse(day)) / 86_400_000);
            for (const s of stagesOf(days, RULE.reminderDays, RULE.escalation)) {
              expected.add(`${i.id}:${s.stage}`);
            }
          }
        }
        // One recipient per stage: the unit's administrator, the supervising owner, the Ministry.
        expect(expected.size).toBeGreaterThan(SYSTEMS / 4);

        children.push(...dirs.map((dir) => startChild(db, dir, smtp.url)));
        await Promise.all(children.map((c) => c.ready));
        for (let d = 0; d < DAYS; d += 1) {
          const day = addDays(FIRST_DAY, d);
          await Promise.all(children.map((c) => c.day(day)));
        }

        const ids = smtp.messages.map((m) => m.messageId);
        expect(new Set(ids).size).toBe(ids.length);
        expect(smtp.messages.length).toBe(expected.size);
        const [outbox] = await queryRows<{ sent: number; other: number }>(
          db.db,
          sql`select count(*) filter (where status = 'sent')::int as sent, count(*) filter (where status <> 'sent')::int as other from outbox`,
        );
        expect(outbox).toEqual({ sent: expected.size, other: 0 });
        const recipients = new Set(smtp.messages.map((m) => (m.to && !Array.isArray(m.to) ? m.to.text : '')));
        expect([...recipients].sort()).toEqual(['admin@a.edu.tw', 'admin@moe.gov.tw', 'owner@moe.gov.tw']);

        for (const child of children) {
          child.process.kill('SIGTERM');
        }
        expect(await Promise.all(children.map((c) => c.exited))).toEqual([0, 0]);
      } finally {
        for (const child of children) {
          if (child.process.exitCode === null) {
            child.process.kill('SIGKILL');
          }
        }
        await smtp.close();
        await db.drop();
        for (const dir of dirs) {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    },
  );
});
