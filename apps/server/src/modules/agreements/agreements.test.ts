import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import JSZip from 'jszip';
import { extractText, getDocumentProxy } from 'unpdf';
import type { Agreement, AgreementStaff, Commitment, ContractMemberAccess } from '@custodian/shared';
import { queryRows } from '../../db/client.js';
import { makeWorld, type World } from '../../db/factories.js';
import { makeContract, makeSystem } from '../../db/registry-factories.js';
import { createTestClock, type TestClock } from '../../lib/clock.js';
import { SAMPLES, uploadBody } from '../../test/attachments-samples.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';
import { COMMITMENT_TEXT_VERSION } from './agreements.rules.js';

type ErrorBody = { error: { code: string; params?: Record<string, string> } };

/** A valid citizen number (checksum holds) that must never appear in plain text. */
const NATIONAL_ID = 'A123456789';
/** An old-style resident certificate (two letters, 8 digits), valid until the end of 2030. */
const OLD_RESIDENT_ID = 'AC01234567';

describe('confidentiality agreements (issue 10, item 六)', () => {
  let t: TestApp;
  let w: World;
  let admin: Record<string, string>;
  let unitAdmin: Record<string, string>;
  let member: Record<string, string>;
  let owner: Record<string, string>;
  let unitAdminB: Record<string, string>;
  let contractId: string;
  let systemId: string;
  let clock: TestClock;
  const START = '2026-11-24T02:00:00Z';

  const count = async (table: string) =>
    (await queryRows<{ n: number }>(t.db.db, sql.raw(`SELECT count(*)::int AS n FROM ${table}`)))[0]?.n ?? 0;
  const post = (url: string, headers: Record<string, string>, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url, headers, payload });
  const upload = async (ownerType: string, ownerId: string, filename: string, content: Buffer) => {
    const body = uploadBody({ ownerType, ownerId, filename, content });
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/attachments',
      headers: { ...unitAdmin, ...body.headers },
      payload: body.payload,
    });
  };
  const newAgreement = async (extra: Record<string, unknown> = {}) => {
    const res = await post('/api/v1/agreements', unitAdmin, {
      contractId,
      partyAName: '教育部',
      purpose: '校務系統維護',
      penaltyTenThousandNtd: 50,
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return json<Agreement>(res);
  };

  beforeAll(async () => {
    clock = createTestClock(START);
    // A 1 MiB upload limit, so that a too-large scan is cheap to send (200 MB in production terms).
    t = await createTestApp({ clock, captureLogs: true, config: { ATTACHMENT_MAX_BYTES: String(1024 * 1024) } });
    w = await makeWorld(t.db.db);
    admin = await loginAs(t, w.users.ministryAdmin.id);
    unitAdmin = await loginAs(t, w.users.unitAdminA.id);
    member = await loginAs(t, w.users.unitMemberA.id);
    owner = await loginAs(t, w.users.ministryOwner.id);
    unitAdminB = await loginAs(t, w.users.unitAdminB.id);
    const contract = await makeContract(t.db.db, {
      unitId: w.orgs.unitA.id,
      divisionId: w.orgs.division.id,
      ownerUserId: w.users.ministryOwner.id,
      name: '甲大學校務系統委辦案',
    });
    contractId = contract.id;
    systemId = (await makeSystem(t.db.db, { orgId: w.orgs.unitA.id, name: '校務系統', contractIds: [contractId] })).id;
  });
  afterAll(async () => t.close());

  it('refuses bad input with its own code and stores nothing', async () => {
    const before = await count('agreements');
    const missingParty = await post('/api/v1/agreements', unitAdmin, { contractId, purpose: '維護' });
    expect(missingParty.statusCode).toBe(400);
    expect(json<ErrorBody>(missingParty).error.code).toBe('AGREEMENT_PARTY_REQUIRED');
    expect(await count('agreements')).toBe(before);

    const agreement = await newAgreement({ signedOn: '2026-11-24' });
    const endBeforeStart = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/agreements/${agreement.id}`,
      headers: unitAdmin,
      payload: { terminationNoticeOn: '2026-01-01' },
    });
    expect(json<ErrorBody>(endBeforeStart).error.code).toBe('AGREEMENT_DATES_INVALID');
    expect(
      json<Agreement>(
        await t.app.inject({ method: 'GET', url: `/api/v1/agreements/${agreement.id}`, headers: unitAdmin }),
      ).terminationNoticeOn,
    ).toBeNull();

    const staff = json<AgreementStaff>(
      await post(`/api/v1/agreements/${agreement.id}/staff`, unitAdmin, {
        name: '王小明',
        title: '工程師',
        work: '系統維護',
      }),
    );
    const badId = await post(`/api/v1/agreements/${agreement.id}/commitments`, unitAdmin, {
      staffId: staff.id,
      address: '臺北市中正區',
      nationalId: 'A123456788',
    });
    expect(badId.statusCode).toBe(400);
    expect(json<ErrorBody>(badId).error.code).toBe('INVALID_NATIONAL_ID');
    expect(await count('agreement_commitments')).toBe(0);

    // A unit admin may not name 甲方 once the agreement exists: the Ministry's field.
    const partyA = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/agreements/${agreement.id}`,
      headers: unitAdmin,
      payload: { partyAName: '某單位' },
    });
    expect(partyA.statusCode).toBe(403);
    await t.app.inject({ method: 'DELETE', url: `/api/v1/agreements/${agreement.id}`, headers: unitAdmin });
  });

  it('computes the term and the termination from the policy, and keeps the duty after the end', async () => {
    const agreement = await newAgreement({ signedOn: '2026-11-24' });
    expect(agreement).toMatchObject({
      termYears: 3,
      endsOn: '2029-11-23',
      court: '臺灣臺北地方法院',
      confidentialitySurvives: true,
    });
    expect(agreement.emailRetentionMonths).toBe(6);
    const terminated = json<Agreement>(
      await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/agreements/${agreement.id}`,
        headers: unitAdmin,
        payload: { terminationNoticeOn: '2026-12-01', emailRetentionAcknowledged: true },
      }),
    );
    expect(terminated.terminationEffectiveOn).toBe('2026-12-31');
    expect(terminated.emailRetentionAcknowledgedAt).not.toBeNull();
    await t.app.inject({ method: 'DELETE', url: `/api/v1/agreements/${agreement.id}`, headers: unitAdmin });
  });

  it('runs the workflow: staff, commitment (ID encrypted, masked, reveal audited), signed copies, confirmation, enforcement', async () => {
    // Before any agreement the contract is not enforced: the member opens the system.
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/systems/${systemId}`, headers: member })).statusCode,
    ).toBe(200);

    const agreement = await newAgreement();
    expect(agreement.status).toBe('draft');
    const names = ['王小明', '陳大文', '林美麗'];
    const staff: AgreementStaff[] = [];
    for (const name of names) {
      const res = await post(`/api/v1/agreements/${agreement.id}/staff`, unitAdmin, {
        name,
        title: '工程師',
        work: '系統維護',
        ...(name === '王小明' ? { userId: w.users.unitMemberA.id } : {}),
      });
      expect(res.statusCode, res.body).toBe(201);
      staff.push(json<AgreementStaff>(res));
    }
    const [first, second] = staff;
    if (!first || !second) {
      throw new Error('staff missing');
    }

    // Enforcement: the member has no commitment on a contract with an agreement.
    const refused = await t.app.inject({ method: 'GET', url: `/api/v1/systems/${systemId}`, headers: member });
    expect(refused.statusCode).toBe(403);
    expect(json<ErrorBody>(refused).error).toMatchObject({
      code: 'COMMITMENT_REQUIRED',
      params: { contractId, state: 'missing' },
    });
    const ability = json<{ can: { open: boolean }; reason: { code: string } | null }>(
      await t.app.inject({ method: 'GET', url: `/api/v1/contracts/${contractId}/access`, headers: member }),
    );
    expect(ability).toMatchObject({ can: { open: false }, reason: { code: 'COMMITMENT_REQUIRED' } });
    const contractRefused = await t.app.inject({
      method: 'GET',
      url: `/api/v1/contracts/${contractId}`,
      headers: member,
    });
    expect(json<ErrorBody>(contractRefused).error.code).toBe('COMMITMENT_REQUIRED');
    // Others are not concerned.
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/systems/${systemId}`, headers: unitAdmin })).statusCode,
    ).toBe(200);
    const access = json<ContractMemberAccess[]>(
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/contracts/${contractId}/commitment-access`,
        headers: unitAdmin,
      }),
    );
    expect(access.find((m) => m.userId === w.users.unitMemberA.id)).toMatchObject({ state: 'missing', blocked: true });

    const created = await post(`/api/v1/agreements/${agreement.id}/commitments`, unitAdmin, {
      staffId: first.id,
      address: '臺北市中正區重慶南路一段 1 號',
      nationalId: ` ${NATIONAL_ID.toLowerCase()} `,
    });
    expect(created.statusCode, created.body).toBe(201);
    const commitment = json<Commitment>(created);
    expect(commitment.nationalIdMasked).toBe('A12****789');
    expect(created.body).not.toContain(NATIONAL_ID);
    expect(commitment.state).toBe('unsigned');
    // Same person twice on one agreement.
    const twice = await post(`/api/v1/agreements/${agreement.id}/commitments`, unitAdmin, {
      staffId: second.id,
      address: '臺北市',
      nationalId: NATIONAL_ID,
    });
    expect(json<ErrorBody>(twice).error.code).toBe('COMMITMENT_EXISTS');
    // An old-style resident certificate is accepted until 2030.
    const resident = await post(`/api/v1/agreements/${agreement.id}/commitments`, unitAdmin, {
      staffId: second.id,
      address: '新北市',
      nationalId: OLD_RESIDENT_ID,
    });
    expect(resident.statusCode, resident.body).toBe(201);

    // Reveal: the unit's admin may, each time audited; the business owner may not.
    const auditsBefore = await count(`audit_events WHERE action = 'agreement_commitment.reveal'`);
    const revealed = await post(`/api/v1/agreement-commitments/${commitment.id}/reveal`, unitAdmin, {});
    expect(json<{ nationalId: string }>(revealed).nationalId).toBe(NATIONAL_ID);
    expect(await count(`audit_events WHERE action = 'agreement_commitment.reveal'`)).toBe(auditsBefore + 1);
    expect((await post(`/api/v1/agreement-commitments/${commitment.id}/reveal`, owner, {})).statusCode).toBe(403);
    expect((await post(`/api/v1/agreement-commitments/${commitment.id}/reveal`, unitAdminB, {})).statusCode).toBe(404);

    // Signed copies go through the attachments module: an executable renamed .pdf is refused.
    const filesBefore = await count('attachments');
    const exe = await upload('agreement', agreement.id, '保密合約書-甲方.pdf', SAMPLES.pe);
    expect(exe.statusCode).toBe(415);
    expect(json<ErrorBody>(exe).error.code).toBe('FILE_TYPE_REFUSED');
    expect(await count('attachments')).toBe(filesBefore);
    const tooLarge = await upload(
      'agreement',
      agreement.id,
      '掃描.pdf',
      Buffer.concat([SAMPLES.pdf, Buffer.alloc(2 * 1024 * 1024)]),
    );
    expect(tooLarge.statusCode).toBe(413);
    expect(json<ErrorBody>(tooLarge).error.code).toBe('FILE_TOO_LARGE');
    expect(await count('attachments')).toBe(filesBefore);
    // A 200 MB scan, streamed (never held whole by the test or the server): the same refusal.
    const boundary = '----Custodian200MB';
    async function* hugeUpload() {
      yield Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="ownerType"\r\n\r\nagreement\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="ownerId"\r\n\r\n${agreement.id}\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="掃描.pdf"\r\n` +
          'Content-Type: application/pdf\r\n\r\n',
      );
      yield SAMPLES.pdf;
      const mebibyte = Buffer.alloc(1024 * 1024);
      for (let i = 0; i < 200; i += 1) {
        yield mebibyte;
      }
      yield Buffer.from(`\r\n--${boundary}--\r\n`);
    }
    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/v1/attachments',
      headers: { ...unitAdmin, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Readable.from(hugeUpload()),
    });
    expect(huge.statusCode).toBe(413);
    expect(json<ErrorBody>(huge).error.code).toBe('FILE_TOO_LARGE');
    expect(await count('attachments')).toBe(filesBefore);

    const copyA = json<{ id: string; sha256: string }>(
      await upload('agreement', agreement.id, '甲方.pdf', SAMPLES.pdf),
    );
    const copyB = json<{ id: string }>(await upload('agreement', agreement.id, '乙方.png', SAMPLES.png));
    const tooEarly = await post(`/api/v1/agreements/${agreement.id}/sign`, unitAdmin, {
      signedOn: '2026-11-24',
      partyACopyAttachmentId: copyA.id,
      partyBCopyAttachmentId: copyB.id,
    });
    expect(json<ErrorBody>(tooEarly).error.code).toBe('AGREEMENT_STATE_INVALID');
    // Generation (documents module) moves the draft on: the PDF and DOCX say the seed's words and the parties.
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/v1/agreements/${agreement.id}/document?form=agreement&format=pdf`,
      headers: unitAdmin,
    });
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const pdfText = (
      await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), { mergePages: true })
    ).text.replace(/\s/g, '');
    for (const words of [
      '保密合約書',
      '第一條',
      '第七條',
      '附件一',
      '教育部',
      '國立甲大學',
      '校務系統維護',
      '王小明',
    ]) {
      expect(pdfText).toContain(words);
    }
    const docx = await t.app.inject({
      method: 'GET',
      url: `/api/v1/agreements/${agreement.id}/document?form=staff_list&format=docx`,
      headers: unitAdmin,
    });
    expect(docx.statusCode).toBe(200);
    const docxXml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')?.async('string');
    expect(docxXml).toContain('陳大文');
    expect(docxXml).toContain('林美麗');
    expect(
      json<Agreement>(
        await t.app.inject({ method: 'GET', url: `/api/v1/agreements/${agreement.id}`, headers: unitAdmin }),
      ).status,
    ).toBe('generated');
    // The signer's own form carries their ID: for the agreement's managers and the signer, audited; not the business owner.
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/agreement-commitments/${commitment.id}/document?format=docx`,
          headers: owner,
        })
      ).statusCode,
    ).toBe(403);
    const form = await t.app.inject({
      method: 'GET',
      url: `/api/v1/agreement-commitments/${commitment.id}/document?format=docx`,
      headers: member,
    });
    expect(form.statusCode).toBe(200);
    const formXml = await (await JSZip.loadAsync(form.rawPayload)).file('word/document.xml')?.async('string');
    expect(formXml).toContain(NATIONAL_ID);
    expect(formXml).toContain('保密承諾書');
    expect(await count(`audit_events WHERE action = 'agreement_commitment.document'`)).toBe(1);
    const signed = await post(`/api/v1/agreements/${agreement.id}/sign`, unitAdmin, {
      signedOn: '2026-11-24',
      partyACopyAttachmentId: copyA.id,
      partyBCopyAttachmentId: copyB.id,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(json<Agreement>(signed)).toMatchObject({
      status: 'signed',
      endsOn: '2029-11-23',
      partyACopySha256: copyA.sha256,
      signedBy: w.users.unitAdminA.id,
    });

    // The member confirms their own commitment electronically; someone else cannot.
    const text = json<{ version: string; items: string[] }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/agreements/commitment-text', headers: member }),
    );
    expect(text.version).toBe(COMMITMENT_TEXT_VERSION);
    expect(text.items).toHaveLength(6);
    const all = [true, true, true, true, true, true];
    expect(
      json<ErrorBody>(
        await post(`/api/v1/agreement-commitments/${commitment.id}/confirm`, unitAdmin, {
          accepted: all,
          textVersion: text.version,
        }),
      ).error.code,
    ).toBe('COMMITMENT_NOT_YOURS');
    const partial = await post(`/api/v1/agreement-commitments/${commitment.id}/confirm`, member, {
      accepted: [true, true, true, true, true, false],
      textVersion: text.version,
    });
    expect(json<ErrorBody>(partial).error.code).toBe('COMMITMENT_INCOMPLETE');
    const confirmed = await post(`/api/v1/agreement-commitments/${commitment.id}/confirm`, member, {
      accepted: all,
      textVersion: text.version,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(json<Commitment>(confirmed)).toMatchObject({
      state: 'valid',
      signedOn: '2026-11-24',
      expiresOn: '2029-11-23',
      confirmedBy: w.users.unitMemberA.id,
      textVersion: COMMITMENT_TEXT_VERSION,
    });
    expect(await count(`audit_events WHERE action = 'agreement_commitment.confirm'`)).toBe(1);

    // Now the member opens the contract's system and the contract.
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/systems/${systemId}`, headers: member })).statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/contracts/${contractId}`, headers: member })).statusCode,
    ).toBe(200);
    expect(
      json<{ can: { open: boolean } }>(
        await t.app.inject({ method: 'GET', url: `/api/v1/contracts/${contractId}/access`, headers: member }),
      ).can.open,
    ).toBe(true);
    const mine = json<{ id: string; state: string }[]>(
      await t.app.inject({ method: 'GET', url: '/api/v1/agreements/my-commitments', headers: member }),
    );
    expect(mine.map((c) => [c.id, c.state])).toEqual([[commitment.id, 'valid']]);

    // After its expiry the member is blocked again, with the reason.
    clock.set('2029-11-24T02:00:00Z');
    const memberLater = await loginAs(t, w.users.unitMemberA.id);
    const expired = await t.app.inject({ method: 'GET', url: `/api/v1/systems/${systemId}`, headers: memberLater });
    clock.set(START);
    expect(json<ErrorBody>(expired).error).toMatchObject({ code: 'COMMITMENT_REQUIRED', params: { state: 'expired' } });
  });

  it('never keeps the national ID in plain text: database, logs, audit trail, exports', async () => {
    const dump = await queryRows<Record<string, unknown>>(
      t.db.db,
      sql`SELECT row_to_json(c)::text AS row FROM agreement_commitments c`,
    );
    expect(dump.length).toBeGreaterThan(0);
    const text = JSON.stringify(dump);
    expect(text).not.toContain(NATIONAL_ID);
    expect(text).not.toContain(OLD_RESIDENT_ID);
    const audit = await queryRows<{ s: string }>(
      t.db.db,
      sql`SELECT coalesce(string_agg(summary::text, ''), '') AS s FROM audit_events`,
    );
    expect(audit[0]?.s).not.toContain(NATIONAL_ID);
    expect(t.logLines.length).toBeGreaterThan(0);
    expect(t.logLines.join('')).not.toContain(NATIONAL_ID);
    expect(t.logLines.join('').toLowerCase()).not.toContain(NATIONAL_ID.toLowerCase());
    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/audit-events/export.csv', headers: admin });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).not.toContain(NATIONAL_ID);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/agreements?pageSize=100', headers: unitAdmin });
    expect(list.body).not.toContain(NATIONAL_ID);
  });

  it('keeps other units out: NOT_FOUND for unit B, reads for the business owner', async () => {
    const agreement = await newAgreement();
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/agreements/${agreement.id}`, headers: unitAdminB }))
        .statusCode,
    ).toBe(404);
    const asOwner = await t.app.inject({ method: 'GET', url: `/api/v1/agreements/${agreement.id}`, headers: owner });
    expect(asOwner.statusCode).toBe(200);
    expect(json<Agreement>(asOwner).can.edit).toBe(false);
    const listB = json<{ items: Agreement[] }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/agreements?pageSize=100', headers: unitAdminB }),
    );
    expect(listB.items).toEqual([]);
  });
});
