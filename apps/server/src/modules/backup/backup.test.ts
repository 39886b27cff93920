import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { create, extract } from 'tar';
import { systemContext } from '../../lib/context.js';
import { keyRingFrom, type KeyRing } from '../../lib/crypto.js';
import { createTestDb, TEST_KEY, testConfig, type TestDb } from '../../test/helpers.js';
import { verifyAuditChain } from '../audit/audit.verify.js';
import { seedDemo } from '../seed/seed.service.js';
import { tableDigest } from './backup.repository.js';
import { restoreBackup } from './backup.restore.js';
import { createBackup, type BackupDeps } from './backup.service.js';
import { listBackupTables } from './backup.tables.js';

const ctx = systemContext('test', new Date());
const tables = listBackupTables();

function depsFor(db: TestDb, options: { dataDir: string; keys?: KeyRing; envKey?: boolean }): BackupDeps {
  return {
    db: db.db,
    driver: db.driver,
    migrate: () => db.migrate(),
    keys: options.keys ?? keyRingFrom(TEST_KEY),
    config: testConfig({
      DATA_DIR: options.dataDir,
      ...(options.envKey === false ? {} : { ENCRYPTION_KEY: TEST_KEY.toString('base64') }),
    }),
  };
}

async function digests(db: TestDb): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of tables) {
    out[table.name] = await tableDigest(db.db, table);
  }
  return out;
}

type ManifestJson = {
  formatVersion: number;
  entries: Record<string, { sha256: string; size: number }>;
  auditCheckpoint: { seq: number; reason: string } | null;
  signature?: string;
};

/** Unpacks an archive, lets `edit` change the files and the manifest, and packs it again. */
async function rewriteArchive(
  source: string,
  target: string,
  edit: (dir: string, manifest: ManifestJson) => void,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'custodian-forge-'));
  try {
    await extract({ file: source, cwd: dir });
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ManifestJson;
    edit(dir, manifest);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
    await create({ gzip: true, file: target, cwd: dir }, ['manifest.json', 'tables', 'files']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function count(db: TestDb, table: string): Promise<number> {
  const res = (await db.db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as {
    rows: { n: number }[];
  };
  return res.rows[0]?.n ?? -1;
}

describe('backup and restore', () => {
  const work = mkdtempSync(join(tmpdir(), 'custodian-backup-test-'));
  const sourceDir = join(work, 'source');
  let source: TestDb;
  let archive: string;
  let sourceDigests: Record<string, string>;
  let sourceEvents = 0;
  /** One empty database for every refused restore: each must leave it empty. */
  let empty: TestDb;

  beforeAll(async () => {
    empty = await createTestDb();
    source = await createTestDb();
    await seedDemo(depsFor(source, { dataDir: sourceDir }));
    mkdirSync(join(sourceDir, 'files', 'evidence'), { recursive: true });
    writeFileSync(join(sourceDir, 'files', 'evidence', '弱點掃描報告.txt'), '掃描結果：無高風險弱點\n');
    archive = join(work, 'snapshot.tar.gz');
    await createBackup(depsFor(source, { dataDir: sourceDir }), ctx, { file: archive });
    sourceDigests = await digests(source);
    sourceEvents = await count(source, 'audit_events');
  });
  afterAll(async () => {
    await empty.drop();
    await source.drop();
    rmSync(work, { recursive: true, force: true });
  });

  it('writes a private archive with a manifest of checksums', async () => {
    expect(statSync(archive).mode & 0o777).toBe(0o600);
    const out = join(work, 'inspect');
    mkdirSync(out);
    await extract({ file: archive, cwd: out });
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as ManifestJson & {
      tables: { name: string; rows: number }[];
      includesKey: boolean;
      migration: { hash: string } | null;
    };
    expect(manifest.formatVersion).toBe(2);
    expect(manifest.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.auditCheckpoint).toMatchObject({ seq: await count(source, 'audit_events'), reason: 'backup' });
    expect(manifest.tables.map((t) => t.name)).toEqual(tables.map((t) => t.name));
    expect(manifest.tables.find((t) => t.name === 'users')?.rows).toBe(13);
    expect(Object.keys(manifest.entries)).toContain('files/evidence/弱點掃描報告.txt');
    expect(manifest.includesKey).toBe(false);
    expect(manifest.migration?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(existsSync(join(out, 'encryption.key'))).toBe(false);
  });

  it('restores into an empty database with identical data and files', async () => {
    const target = await createTestDb();
    const targetDir = join(work, 'target');
    try {
      const deps = depsFor(target, { dataDir: targetDir });
      const summary = await restoreBackup(deps, ctx, { file: archive });
      expect(summary).toMatchObject({ files: 1, signature: 'verified', checkpointSeq: sourceEvents + 1 });
      const restored = await digests(target);
      // The restore appends its own chained audit event; everything else is identical.
      const { audit_events: _restoredAudit, ...restoredRest } = restored;
      const { audit_events: _sourceAudit, ...sourceRest } = sourceDigests;
      expect(restoredRest).toEqual(sourceRest);
      const upTo = await count(source, 'audit_events');
      const auditDigest = `select md5(string_agg(row_to_json(t)::text, E'\\n' order by seq)) as d from audit_events t where seq <= ${upTo}`;
      const [a, b] = await Promise.all(
        [source, target].map(
          async (db) =>
            ((await db.db.execute(sql.raw(auditDigest))) as unknown as { rows: { d: string }[] }).rows[0]?.d,
        ),
      );
      expect(b).toBe(a);
      const last = (await target.db.execute(
        sql`select action from audit_events order by seq desc limit 1`,
      )) as unknown as { rows: { action: string }[] };
      expect(last.rows[0]?.action).toBe('backup.restore');
      // The restore checkpointed the restored trail, so the copy verifies against it.
      expect(await verifyAuditChain(deps, ctx)).toMatchObject({ ok: true, checkpoint: { seq: sourceEvents + 1 } });
      expect(readFileSync(join(targetDir, 'files', 'evidence', '弱點掃描報告.txt'), 'utf8')).toBe(
        '掃描結果：無高風險弱點\n',
      );
      // The sequence moved past the restored events.
      const next = (await target.db.execute(
        sql`select nextval(pg_get_serial_sequence('audit_events', 'seq'))::int as n`,
      )) as unknown as { rows: { n: number }[] };
      expect(next.rows[0]?.n).toBeGreaterThan(upTo);
      // A second restore is refused without --force, and allowed with it.
      await expect(restoreBackup(deps, ctx, { file: archive })).rejects.toMatchObject({ code: 'DATABASE_NOT_EMPTY' });
      await restoreBackup(deps, ctx, { file: archive, force: true });
      expect(await count(target, 'users')).toBe(13);
    } finally {
      await target.drop();
    }
  });

  it('refuses a corrupted archive and writes nothing', async () => {
    const damaged = join(work, 'damaged.tar.gz');
    const bytes = readFileSync(archive);
    const middle = Math.floor(bytes.length / 2);
    bytes.writeUInt8(bytes.readUInt8(middle) ^ 0xff, middle);
    writeFileSync(damaged, bytes);
    const targetDir = join(work, 'damaged-target');
    // A migrated database holds only its reference rows (policy version 1).
    const before = new Map<string, number>();
    for (const table of tables) {
      before.set(table.name, await count(empty, table.name));
    }
    expect([...before].filter(([, n]) => n > 0)).toEqual([['policy_versions', 1]]);
    await expect(restoreBackup(depsFor(empty, { dataDir: targetDir }), ctx, { file: damaged })).rejects.toMatchObject({
      code: 'BACKUP_INVALID',
    });
    for (const table of tables) {
      expect(await count(empty, table.name), table.name).toBe(before.get(table.name));
    }
    expect(existsSync(join(targetDir, 'files'))).toBe(false);
  });

  it('refuses an archive whose table file was edited (checksum mismatch)', async () => {
    const dir = join(work, 'edit');
    mkdirSync(dir);
    await extract({ file: archive, cwd: dir });
    const usersFile = join(dir, 'tables', 'users.jsonl');
    writeFileSync(usersFile, readFileSync(usersFile, 'utf8').replace('陳雅婷', '陳雅亭'));
    const edited = join(work, 'edited.tar.gz');
    await create({ gzip: true, file: edited, cwd: dir }, ['manifest.json', 'tables', 'files']);
    const attempt = restoreBackup(depsFor(empty, { dataDir: join(work, 'edit-target') }), ctx, { file: edited });
    await expect(attempt).rejects.toMatchObject({
      code: 'BACKUP_INVALID',
      details: { reason: 'checksum mismatch for tables/users.jsonl' },
    });
    expect(await count(empty, 'users')).toBe(0);
  });

  it('refuses a forged account (role changed to ministry_admin, checksum recomputed): the signature fails', async () => {
    const forged = join(work, 'forged.tar.gz');
    await rewriteArchive(archive, forged, (dir, manifest) => {
      const usersFile = join(dir, 'tables', 'users.jsonl');
      const lines = readFileSync(usersFile, 'utf8').split('\n');
      const member = lines.findIndex((l) => l.includes('"role":"unit_member"'));
      expect(member).toBeGreaterThanOrEqual(0);
      lines[member] = (lines[member] ?? '').replace('"role":"unit_member"', '"role":"ministry_admin"');
      const text = lines.join('\n');
      writeFileSync(usersFile, text);
      manifest.entries['tables/users.jsonl'] = {
        sha256: createHash('sha256').update(text).digest('hex'),
        size: Buffer.byteLength(text),
      };
    });
    const attempt = restoreBackup(depsFor(empty, { dataDir: join(work, 'forged-target') }), ctx, { file: forged });
    await expect(attempt).rejects.toMatchObject({
      code: 'BACKUP_SIGNATURE_INVALID',
      details: { reason: expect.stringContaining('signature does not match') },
    });
    expect(await count(empty, 'users')).toBe(0);
  });

  it('refuses an unsigned manifest', async () => {
    const unsigned = join(work, 'unsigned.tar.gz');
    await rewriteArchive(archive, unsigned, (_dir, manifest) => {
      delete manifest.signature;
    });
    await expect(
      restoreBackup(depsFor(empty, { dataDir: join(work, 'unsigned-target') }), ctx, { file: unsigned }),
    ).rejects.toMatchObject({
      code: 'BACKUP_SIGNATURE_INVALID',
      details: { reason: expect.stringContaining('not signed') },
    });
    expect(await count(empty, 'users')).toBe(0);
  });

  it("restores another key's backup only when told, saying that its signature was not checked", async () => {
    const target = await createTestDb();
    try {
      const deps = depsFor(target, { dataDir: join(work, 'unchecked-target'), keys: keyRingFrom(Buffer.alloc(32, 8)) });
      await expect(restoreBackup(deps, ctx, { file: archive })).rejects.toMatchObject({ code: 'BACKUP_KEY_MISMATCH' });
      const summary = await restoreBackup(deps, ctx, { file: archive, ignoreKeyMismatch: true });
      expect(summary.signature).toBe('unchecked');
      const last = (await target.db.execute(
        sql`select summary->>'signature' as s from audit_events order by seq desc limit 1`,
      )) as unknown as { rows: { s: string }[] };
      expect(last.rows[0]?.s).toBe('unchecked');
    } finally {
      await target.drop();
    }
  });

  it('refuses entries that would escape the extraction directory', async () => {
    const dir = join(work, 'evil', 'inner');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(work, 'evil', 'outside.txt'), 'x');
    writeFileSync(join(dir, 'manifest.json'), '{}');
    const evil = join(work, 'evil.tar.gz');
    await create({ gzip: true, file: evil, cwd: dir, preservePaths: true }, ['manifest.json', '../outside.txt']);
    await expect(
      restoreBackup(depsFor(empty, { dataDir: join(work, 'evil-target') }), ctx, { file: evil }),
    ).rejects.toMatchObject({ code: 'BACKUP_INVALID', details: { reason: expect.stringContaining('unsafe path') } });
    expect(existsSync(join(work, 'outside.txt'))).toBe(false);
  });

  it('refuses another key unless told, and installs a key carried by the archive', async () => {
    const otherKeys = keyRingFrom(Buffer.alloc(32, 9));
    // Runs last: it finally restores into the shared empty database.
    const target = empty;
    const targetDir = join(work, 'key-target');
    await expect(
      restoreBackup(depsFor(target, { dataDir: targetDir, keys: otherKeys }), ctx, { file: archive }),
    ).rejects.toMatchObject({ code: 'BACKUP_KEY_MISMATCH' });
    expect(await count(target, 'users')).toBe(0);

    const withKey = join(work, 'with-key.tar.gz');
    await createBackup(depsFor(source, { dataDir: sourceDir }), ctx, { file: withKey, includeKey: true });
    const summary = await restoreBackup(depsFor(target, { dataDir: targetDir, keys: otherKeys, envKey: false }), ctx, {
      file: withKey,
    });
    expect(summary.keyInstalled).toBe(true);
    const installed = readFileSync(join(targetDir, 'encryption.key'), 'utf8').trim();
    expect(Buffer.from(installed, 'base64').equals(TEST_KEY)).toBe(true);
    expect(statSync(join(targetDir, 'encryption.key')).mode & 0o777).toBe(0o600);
    expect(summary.signature).toBe('included_key');
    // Under the installed key the whole chain, the restore event included, verifies.
    const installedDeps = depsFor(target, { dataDir: targetDir, keys: keyRingFrom(TEST_KEY) });
    expect(await verifyAuditChain(installedDeps, ctx)).toMatchObject({
      ok: true,
      checkpoint: { seq: summary.checkpointSeq },
    });
    // Over existing data, a key carried by the archive is only installed when told: whoever
    // can alter the archive can swap that key, and the signature with it.
    await expect(
      restoreBackup(depsFor(target, { dataDir: join(work, 'other-key-target'), keys: otherKeys, envKey: false }), ctx, {
        file: withKey,
        force: true,
      }),
    ).rejects.toMatchObject({ code: 'BACKUP_KEY_MISMATCH' });
  });
});
