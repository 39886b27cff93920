import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { extract } from 'tar';
import type { Attachment, AttachmentList } from '@custodian/shared';
import { makeWorld, type World } from '../../db/factories.js';
import { makeContract, makeRegistryWorld, makeSystem, type RegistryWorld } from '../../db/registry-factories.js';
import { attachments, auditEvents, riskAssessments, vendorQualifications } from '../../db/schema/index.js';
import { systemContext } from '../../lib/context.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';
import { createBackup } from '../backup/backup.service.js';
import { multipartBody, SAMPLES, uploadBody } from '../../test/attachments-samples.js';
import { attachmentStore, removeAttachmentsOf } from './attachments.service.js';

const MAX_BYTES = 2 * 1024 * 1024;

describe('attachments', () => {
  let t: TestApp;
  let dataDir: string;
  let w: World;
  let reg: RegistryWorld;
  let s: Record<'admin' | 'owner' | 'auditor' | 'unitA' | 'memberA' | 'unitB', Record<string, string>>;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'custodian-attachments-'));
    t = await createTestApp({ config: { DATA_DIR: dataDir, ATTACHMENT_MAX_BYTES: String(MAX_BYTES) } });
    w = await makeWorld(t.db.db);
    reg = await makeRegistryWorld(t.db.db, w);
    s = {
      admin: await loginAs(t, w.users.ministryAdmin.id),
      owner: await loginAs(t, w.users.ministryOwner.id),
      auditor: await loginAs(t, w.users.auditor.id),
      unitA: await loginAs(t, w.users.unitAdminA.id),
      memberA: await loginAs(t, w.users.unitMemberA.id),
      unitB: await loginAs(t, w.users.unitAdminB.id),
    };
  });
  afterAll(async () => {
    await t.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const upload = (
    session: Record<string, string>,
    options: { ownerType?: string; ownerId?: string; filename: string; content: Buffer },
  ) => {
    const body = uploadBody({
      ownerType: options.ownerType ?? 'contract',
      ownerId: options.ownerId ?? reg.a.contract.id,
      filename: options.filename,
      content: options.content,
    });
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/attachments',
      headers: { ...session, ...body.headers },
      payload: body.payload,
    });
  };
  const download = (session: Record<string, string>, id: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: `/api/v1/attachments/${id}/download`, headers: { ...session, ...headers } });
  const list = (session: Record<string, string>, ownerType: string, ownerId: string) =>
    t.app.inject({
      method: 'GET',
      url: `/api/v1/attachments?ownerType=${ownerType}&ownerId=${ownerId}`,
      headers: session,
    });
  const remove = (session: Record<string, string>, id: string) =>
    t.app.inject({ method: 'DELETE', url: `/api/v1/attachments/${id}`, headers: session });

  it('lists the owner types the modules registered, to any signed-in user and to nobody else', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/attachments/owner-types', headers: s.memberA });
    expect(res.statusCode).toBe(200);
    expect(json<{ items: string[] }>(res).items).toEqual([
      'agreement',
      'agreement_commitment',
      'contract',
      'pentest',
      'risk_assessment',
      'system',
      'vendor_qualification',
    ]);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/attachments/owner-types' });
    expect(anonymous.statusCode).toBe(401);
  });

  /** Every stored file under DATA_DIR/files, temporary ones included. */
  const filesOnDisk = async () => {
    const root = join(dataDir, 'files');
    const entries = await readdir(root, { withFileTypes: true, recursive: true }).catch(() => []);
    return entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name)));
  };
  const rowCount = async () => (await t.db.db.select({ id: attachments.id }).from(attachments)).length;
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

  describe('upload and download', () => {
    const cases = [
      { filename: 'report.pdf', content: SAMPLES.pdf, mime: 'application/pdf' },
      { filename: 'diagram.png', content: SAMPLES.png, mime: 'image/png' },
      {
        filename: 'assessment.docx',
        content: SAMPLES.docx,
        mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      },
      { filename: 'systems.csv', content: SAMPLES.text, mime: 'text/csv' },
      { filename: 'notes.txt', content: SAMPLES.text, mime: 'text/plain' },
    ];

    it.each(cases)('stores $filename as $mime and returns it byte for byte', async ({ filename, content, mime }) => {
      const res = await upload(s.unitA, { filename, content });
      expect(res.statusCode, res.body).toBe(201);
      const created = json<Attachment>(res);
      expect(created).toMatchObject({
        ownerType: 'contract',
        ownerId: reg.a.contract.id,
        fileName: filename,
        mimeType: mime,
        sizeBytes: content.length,
        sha256: sha(content),
        uploadedBy: w.users.unitAdminA.id,
        uploadedByName: w.users.unitAdminA.name,
      });

      const got = await download(s.unitA, created.id);
      expect(got.statusCode).toBe(200);
      expect(got.rawPayload.equals(content)).toBe(true);
      expect(got.headers['content-type']).toBe(mime.startsWith('text/') ? `${mime}; charset=utf-8` : mime);
      expect(got.headers['content-length']).toBe(String(content.length));
      expect(got.headers['content-disposition']).toBe(
        `attachment; filename="${filename}"; filename*=UTF-8''${filename}`,
      );
      expect(got.headers['x-content-type-options']).toBe('nosniff');
      expect(got.headers.etag).toBe(`"${sha(content)}"`);
      expect(got.headers['repr-digest']).toBe(`sha-256=:${createHash('sha256').update(content).digest('base64')}:`);

      const [event] = await t.db.db
        .select()
        .from(auditEvents)
        .where(sql`${auditEvents.action} = 'attachment.upload' and ${auditEvents.targetId} = ${created.id}`);
      expect(event?.orgId).toBe(w.orgs.unitA.id);
      expect(event?.summary).toMatchObject({ fileName: filename, sizeBytes: content.length, sha256: sha(content) });
    });

    it('answers 304 when the client already has the file', async () => {
      const created = json<Attachment>(await upload(s.unitA, { filename: 'again.pdf', content: SAMPLES.pdf }));
      const res = await download(s.unitA, created.id, { 'if-none-match': `"${created.sha256}"` });
      expect(res.statusCode).toBe(304);
      expect(res.rawPayload.length).toBe(0);
    });

    it('keeps a Chinese file name and sends it back per RFC 5987', async () => {
      const name = '資安風險評估報告（第1版）.pdf';
      const res = await upload(s.unitA, { filename: name, content: SAMPLES.pdf });
      expect(res.statusCode, res.body).toBe(201);
      const created = json<Attachment>(res);
      expect(created.fileName).toBe(name);
      const disposition = (await download(s.unitA, created.id)).headers['content-disposition'];
      expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
      const encoded = String(disposition).split("filename*=UTF-8''")[1] ?? '';
      expect(encoded).toMatch(/^[A-Za-z0-9%!#$&+.^_`|~-]+$/);
      expect(decodeURIComponent(encoded)).toBe(name);
    });

    it('sanitises the name: no path, no control characters', async () => {
      const res = await upload(s.unitA, { filename: '..\\..\\evil\u0007name.pdf', content: SAMPLES.pdf });
      expect(res.statusCode, res.body).toBe(201);
      expect(json<Attachment>(res).fileName).toBe('evilname.pdf');
    });

    it('lists the files of a record with uploader, newest first, paginated and searchable', async () => {
      const system = await makeSystem(t.db.db, { orgId: w.orgs.unitA.id });
      for (const filename of ['一.pdf', '二.pdf', '三.txt']) {
        const content = filename.endsWith('.txt') ? SAMPLES.text : SAMPLES.pdf;
        expect((await upload(s.unitA, { ownerType: 'system', ownerId: system.id, filename, content })).statusCode).toBe(
          201,
        );
      }
      const page = json<AttachmentList>(await list(s.memberA, 'system', system.id));
      expect(page.total).toBe(3);
      expect(page.maxBytes).toBe(MAX_BYTES);
      expect(page.items.map((i) => i.fileName)).toEqual(['三.txt', '二.pdf', '一.pdf']);
      expect(page.items[0]?.uploadedByName).toBe(w.users.unitAdminA.name);
      expect(JSON.stringify(page)).not.toContain('storageKey');

      const second = await t.app.inject({
        method: 'GET',
        url: `/api/v1/attachments?ownerType=system&ownerId=${system.id}&pageSize=2&page=2`,
        headers: s.memberA,
      });
      expect(json<AttachmentList>(second).items.map((i) => i.fileName)).toEqual(['一.pdf']);
      const search = await t.app.inject({
        method: 'GET',
        url: `/api/v1/attachments?ownerType=system&ownerId=${system.id}&q=${encodeURIComponent('二')}`,
        headers: s.memberA,
      });
      expect(json<AttachmentList>(search).items.map((i) => i.fileName)).toEqual(['二.pdf']);
    });
  });

  describe('refusals leave nothing behind', () => {
    const refused = async (res: Awaited<ReturnType<typeof upload>>, status: number, code: string) => {
      expect(res.statusCode, res.body).toBe(status);
      expect(json<{ error: { code: string } }>(res).error.code).toBe(code);
    };

    it.each([
      { what: 'a Windows program named .pdf', filename: 'invoice.pdf', content: SAMPLES.pe },
      { what: 'an ELF program named .pdf', filename: 'invoice.pdf', content: SAMPLES.elf },
      { what: 'a shell script named .pdf', filename: 'invoice.pdf', content: SAMPLES.script },
      { what: 'a shell script named .txt', filename: 'readme.txt', content: SAMPLES.script },
      { what: 'a PDF named .exe', filename: 'report.exe', content: SAMPLES.pdf },
      { what: 'text named .js', filename: 'app.js', content: SAMPLES.text },
      { what: 'a ZIP archive', filename: 'bundle.zip', content: SAMPLES.zip },
      { what: 'unknown binary', filename: 'data.bin', content: Buffer.from([1, 2, 3, 0, 255, 254]) },
    ])('refuses $what with FILE_TYPE_REFUSED', async ({ filename, content }) => {
      const [filesBefore, rowsBefore] = [await filesOnDisk(), await rowCount()];
      await refused(await upload(s.unitA, { filename, content }), 415, 'FILE_TYPE_REFUSED');
      expect(await filesOnDisk()).toEqual(filesBefore);
      expect(await rowCount()).toBe(rowsBefore);
    });

    it('refuses an empty file', async () => {
      const [filesBefore, rowsBefore] = [await filesOnDisk(), await rowCount()];
      await refused(await upload(s.unitA, { filename: 'empty.pdf', content: Buffer.alloc(0) }), 400, 'FILE_EMPTY');
      expect(await filesOnDisk()).toEqual(filesBefore);
      expect(await rowCount()).toBe(rowsBefore);
    });

    it('takes files above the 1 MiB JSON body limit up to the configured maximum, and refuses one byte more', async () => {
      const line = Buffer.from('第一欄,第二欄,0123456789\n');
      const big = Buffer.alloc(MAX_BYTES, 'a');
      line.copy(big);
      const ok = await upload(s.unitA, { filename: 'exactly-max.csv', content: big });
      expect(ok.statusCode, ok.body).toBe(201);
      expect(json<Attachment>(ok).sizeBytes).toBe(MAX_BYTES);

      const [filesBefore, rowsBefore] = [await filesOnDisk(), await rowCount()];
      const tooBig = Buffer.concat([big, Buffer.from('a')]);
      const res = await upload(s.unitA, { filename: 'too-big.csv', content: tooBig });
      await refused(res, 413, 'FILE_TOO_LARGE');
      expect(res.headers.connection).toBe('close');
      expect(await filesOnDisk()).toEqual(filesBefore);
      expect(await rowCount()).toBe(rowsBefore);
    });

    it('answers an oversize upload over real HTTP with 413 and closes the connection', async () => {
      const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const [filesBefore, rowsBefore] = [await filesOnDisk(), await rowCount()];
      const body = uploadBody({
        ownerType: 'contract',
        ownerId: reg.a.contract.id,
        filename: '大檔案.csv',
        content: Buffer.alloc(4 * MAX_BYTES, 'a'),
      });
      const res = await fetch(`${address}/api/v1/attachments`, {
        method: 'POST',
        headers: { ...s.unitA, ...body.headers },
        body: body.payload,
      });
      expect(res.status).toBe(413);
      expect(res.headers.get('connection')).toBe('close');
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('FILE_TOO_LARGE');
      expect(await filesOnDisk()).toEqual(filesBefore);
      expect(await rowCount()).toBe(rowsBefore);
    });

    it('removes the stored file when the database write fails', async () => {
      await t.db.db.execute(sql`create function refuse_attachment() returns trigger language plpgsql as $$
        begin raise exception 'refused by test'; end $$`);
      await t.db.db.execute(
        sql`create trigger refuse_attachment before insert on attachments for each row execute function refuse_attachment()`,
      );
      try {
        const [filesBefore, rowsBefore] = [await filesOnDisk(), await rowCount()];
        const res = await upload(s.unitA, { filename: 'doomed.pdf', content: SAMPLES.pdf });
        expect(res.statusCode).toBe(500);
        expect(await filesOnDisk()).toEqual(filesBefore);
        expect(await rowCount()).toBe(rowsBefore);
      } finally {
        await t.db.db.execute(sql`drop trigger refuse_attachment on attachments`);
        await t.db.db.execute(sql`drop function refuse_attachment()`);
      }
    });
  });

  describe('request shape', () => {
    it('needs the owner fields before the file', async () => {
      const body = multipartBody([
        { name: 'file', filename: 'late.pdf', content: SAMPLES.pdf },
        { name: 'ownerType', value: 'contract' },
        { name: 'ownerId', value: reg.a.contract.id },
      ]);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/attachments',
        headers: { ...s.unitA, ...body.headers },
        payload: body.payload,
      });
      expect(res.statusCode).toBe(400);
      expect(json<{ error: { code: string } }>(res).error.code).toBe('VALIDATION_FAILED');
    });

    it('refuses an unknown owner type, a missing file, and a body that is not multipart', async () => {
      expect(
        (await upload(s.unitA, { ownerType: 'invoice', filename: 'a.pdf', content: SAMPLES.pdf })).statusCode,
      ).toBe(400);
      const fieldsOnly = multipartBody([
        { name: 'ownerType', value: 'contract' },
        { name: 'ownerId', value: reg.a.contract.id },
      ]);
      const noFile = await t.app.inject({
        method: 'POST',
        url: '/api/v1/attachments',
        headers: { ...s.unitA, ...fieldsOnly.headers },
        payload: fieldsOnly.payload,
      });
      expect(noFile.statusCode).toBe(400);
      const asJson = await t.app.inject({
        method: 'POST',
        url: '/api/v1/attachments',
        headers: s.unitA,
        payload: { ownerType: 'contract', ownerId: reg.a.contract.id },
      });
      expect(asJson.statusCode).toBe(415);
      expect(json<{ error: { code: string } }>(asJson).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('takes only the first of two files and never reads the second', async () => {
      const body = multipartBody([
        { name: 'ownerType', value: 'contract' },
        { name: 'ownerId', value: reg.a.contract.id },
        { name: 'file', filename: 'one.pdf', content: SAMPLES.pdf },
        { name: 'file', filename: 'two.pdf', content: SAMPLES.pdf },
      ]);
      const before = await rowCount();
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/attachments',
        headers: { ...s.unitA, ...body.headers },
        payload: body.payload,
      });
      // The first file is taken; the second is never read.
      expect(res.statusCode).toBe(201);
      expect(await rowCount()).toBe(before + 1);
    });

    it('needs the CSRF header on a multipart upload from a session', async () => {
      const { 'x-csrf-token': _csrf, ...cookieOnly } = s.unitA;
      const res = await upload(cookieOnly, { filename: 'a.pdf', content: SAMPLES.pdf });
      expect(res.statusCode).toBe(403);
      expect(json<{ error: { code: string } }>(res).error.code).toBe('CSRF_INVALID');
    });

    it('answers 404 for a record that does not exist', async () => {
      const res = await upload(s.admin, {
        ownerId: '00000000-0000-4000-8000-000000000000',
        filename: 'a.pdf',
        content: SAMPLES.pdf,
      });
      expect(res.statusCode).toBe(404);
    });
  });

  describe('tenancy', () => {
    let fileOfA: Attachment;
    let fileOfSystemA: Attachment;

    beforeAll(async () => {
      fileOfA = json<Attachment>(await upload(s.unitA, { filename: 'a-contract.pdf', content: SAMPLES.pdf }));
      fileOfSystemA = json<Attachment>(
        await upload(s.unitA, {
          ownerType: 'system',
          ownerId: reg.a.system.id,
          filename: 'a.png',
          content: SAMPLES.png,
        }),
      );
    });

    it("hides unit A's files from unit B entirely", async () => {
      expect((await list(s.unitB, 'contract', reg.a.contract.id)).statusCode).toBe(404);
      expect((await download(s.unitB, fileOfA.id)).statusCode).toBe(404);
      expect((await remove(s.unitB, fileOfA.id)).statusCode).toBe(404);
      expect((await upload(s.unitB, { filename: 'x.pdf', content: SAMPLES.pdf })).statusCode).toBe(404);
      expect(
        (
          await upload(s.unitB, {
            ownerType: 'system',
            ownerId: reg.a.system.id,
            filename: 'x.pdf',
            content: SAMPLES.pdf,
          })
        ).statusCode,
      ).toBe(404);
      expect((await download(s.unitA, fileOfA.id)).statusCode).toBe(200);
    });

    it('lets a unit member read but not change', async () => {
      expect((await list(s.memberA, 'contract', reg.a.contract.id)).statusCode).toBe(200);
      expect((await download(s.memberA, fileOfA.id)).statusCode).toBe(200);
      expect((await remove(s.memberA, fileOfA.id)).statusCode).toBe(403);
      expect((await upload(s.memberA, { filename: 'x.pdf', content: SAMPLES.pdf })).statusCode).toBe(403);
    });

    it("lets the business owner read and add files of their contracts, and read their systems' files", async () => {
      // A contract of unit B (outside the owner's supervised units) that they own.
      const owned = await makeContract(t.db.db, {
        unitId: w.orgs.unitB.id,
        divisionId: w.orgs.division.id,
        ownerUserId: w.users.ministryOwner.id,
      });
      const res = await upload(s.admin, { ownerId: owned.id, filename: 'b-owned.pdf', content: SAMPLES.pdf });
      expect(res.statusCode).toBe(201);
      const fileOfOwned = json<Attachment>(res);
      expect(json<AttachmentList>(await list(s.owner, 'contract', owned.id)).total).toBe(1);
      expect((await download(s.owner, fileOfOwned.id)).rawPayload.equals(SAMPLES.pdf)).toBe(true);
      expect(
        (await upload(s.owner, { ownerId: owned.id, filename: 'owner.pdf', content: SAMPLES.pdf })).statusCode,
      ).toBe(201);
      // Systems belong to the unit: the owner reads their files but may not change them.
      expect((await download(s.owner, fileOfSystemA.id)).statusCode).toBe(200);
      expect((await remove(s.owner, fileOfSystemA.id)).statusCode).toBe(403);
      // Unit B's own contract without them as owner stays hidden.
      expect((await list(s.owner, 'contract', reg.b.contract.id)).statusCode).toBe(404);
    });

    it('lets an auditor read the files of their assigned unit', async () => {
      expect((await download(s.auditor, fileOfA.id)).statusCode).toBe(200);
      expect((await list(s.auditor, 'contract', reg.b.contract.id)).statusCode).toBe(404);
    });

    it('resolves risk assessments through their contract and vendor qualifications through their organisation', async () => {
      const [assessment] = await t.db.db
        .insert(riskAssessments)
        .values({ contractId: reg.a.contract.id, assessedOn: '2026-01-15', assessor: '資安長', level: 'medium' })
        .returning();
      const [qualification] = await t.db.db
        .insert(vendorQualifications)
        .values({ orgId: w.orgs.vendorA.id, kind: 'iso27001', name: 'ISO/IEC 27001:2022' })
        .returning();
      if (!assessment || !qualification) {
        throw new Error('fixtures not inserted');
      }
      const ra = await upload(s.unitA, {
        ownerType: 'risk_assessment',
        ownerId: assessment.id,
        filename: '風險評估.pdf',
        content: SAMPLES.pdf,
      });
      expect(ra.statusCode, ra.body).toBe(201);
      expect((await list(s.unitB, 'risk_assessment', assessment.id)).statusCode).toBe(404);
      expect((await list(s.owner, 'risk_assessment', assessment.id)).statusCode).toBe(200);

      const vq = await upload(s.unitA, {
        ownerType: 'vendor_qualification',
        ownerId: qualification.id,
        filename: 'ISO27001證書.pdf',
        content: SAMPLES.pdf,
      });
      expect(vq.statusCode, vq.body).toBe(201);
      expect(json<Attachment>(vq).ownerType).toBe('vendor_qualification');
      expect((await list(s.unitB, 'vendor_qualification', qualification.id)).statusCode).toBe(404);
      expect(
        (
          await upload(s.unitB, {
            ownerType: 'vendor_qualification',
            ownerId: qualification.id,
            filename: 'x.pdf',
            content: SAMPLES.pdf,
          })
        ).statusCode,
      ).toBe(404);
    });
  });

  describe('delete', () => {
    it('removes the row, then the file, and records who did it', async () => {
      const created = json<Attachment>(await upload(s.unitA, { filename: '待刪除.pdf', content: SAMPLES.pdf }));
      const [row] = await t.db.db.select().from(attachments).where(eq(attachments.id, created.id));
      if (!row) {
        throw new Error('row missing');
      }
      const store = attachmentStore(t.deps);
      expect(await store.exists(row.storageKey)).toBe(true);

      const res = await remove(s.unitA, created.id);
      expect(res.statusCode).toBe(204);
      expect(await store.exists(row.storageKey)).toBe(false);
      expect(await t.db.db.select().from(attachments).where(eq(attachments.id, created.id))).toEqual([]);
      expect((await download(s.unitA, created.id)).statusCode).toBe(404);
      expect((await remove(s.unitA, created.id)).statusCode).toBe(404);

      const [event] = await t.db.db
        .select()
        .from(auditEvents)
        .where(sql`${auditEvents.action} = 'attachment.delete' and ${auditEvents.targetId} = ${created.id}`);
      expect(event?.actorUserId).toBe(w.users.unitAdminA.id);
      expect(event?.summary).toMatchObject({
        fileName: '待刪除.pdf',
        sizeBytes: SAMPLES.pdf.length,
        sha256: row.sha256,
      });
    });

    it('removes all files of a record inside the caller’s transaction, and the bytes after it commits', async () => {
      const system = await makeSystem(t.db.db, { orgId: w.orgs.unitA.id });
      for (const filename of ['x.pdf', 'y.pdf']) {
        await upload(s.unitA, { ownerType: 'system', ownerId: system.id, filename, content: SAMPLES.pdf });
      }
      const keys = (
        await t.db.db
          .select({ key: attachments.storageKey })
          .from(attachments)
          .where(eq(attachments.ownerId, system.id))
      ).map((r) => r.key);
      expect(keys).toHaveLength(2);
      const cleanup = await t.db.db.transaction((tx) =>
        removeAttachmentsOf(t.deps, tx, { ownerType: 'system', ownerId: system.id }),
      );
      expect(await t.db.db.select().from(attachments).where(eq(attachments.ownerId, system.id))).toEqual([]);
      await cleanup();
      const store = attachmentStore(t.deps);
      for (const key of keys) {
        expect(await store.exists(key)).toBe(false);
      }
    });

    it('answers 500 when a row’s bytes have gone missing from the store', async () => {
      const created = json<Attachment>(await upload(s.unitA, { filename: 'lost.pdf', content: SAMPLES.pdf }));
      const [row] = await t.db.db.select().from(attachments).where(eq(attachments.id, created.id));
      await attachmentStore(t.deps).delete(row?.storageKey ?? '');
      const res = await download(s.unitA, created.id);
      expect(res.statusCode).toBe(500);
      expect(json<{ error: { code: string } }>(res).error.code).toBe('INTERNAL');
    });

    it('is part of a backup: the archive lists the stored file with the same SHA-256', async () => {
      const created = json<Attachment>(await upload(s.unitA, { filename: '備份.pdf', content: SAMPLES.pdf }));
      const [row] = await t.db.db.select().from(attachments).where(eq(attachments.id, created.id));
      const work = await mkdtemp(join(tmpdir(), 'custodian-attachments-backup-'));
      try {
        const file = join(work, 'backup.tar.gz');
        await createBackup({ ...t.deps, migrate: () => t.db.migrate() }, systemContext('test', new Date()), { file });
        await extract({ file, cwd: work, filter: (path) => path === 'manifest.json' });
        const manifest = await readFile(join(work, 'manifest.json'), 'utf8');
        const entries = (JSON.parse(manifest) as { entries: Record<string, { sha256: string; size: number }> }).entries;
        expect(entries[`files/${row?.storageKey ?? ''}`]).toEqual({ sha256: created.sha256, size: created.sizeBytes });
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    });

    it('leaves no temporary files after all of the above', async () => {
      expect((await filesOnDisk()).filter((f) => f.startsWith('.tmp'))).toEqual([]);
    });
  });
});
