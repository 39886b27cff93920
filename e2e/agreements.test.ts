/**
 * In real Chromium (issue 10): the Ministry's admin creates a confidentiality agreement for a
 * contract, puts three people on 附件一, downloads the agreement as DOCX and PDF, records the
 * two signed copies, creates the commitments (附件二) with masked ID numbers and an audited
 * reveal, and uploads one person's signed scan. A unit_member on the staff list is refused
 * the contract's system (COMMITMENT_REQUIRED, shown as such), confirms the six commitments
 * in the app, and can then open the system.
 */
import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COMMITMENT_TEXTS,
  ERROR_MESSAGES,
  isValidNationalId,
  type Agreement,
  type Commitment,
  type ContractDetail,
  type SystemDetail,
} from '@custodian/shared';
import zh from '../apps/web/src/locales/zh-TW.json' with { type: 'json' };
import zhAgreements from '../apps/web/src/locales/zh-TW/agreements.json' with { type: 'json' };
import zhObligations from '../apps/web/src/locales/zh-TW/obligations.json' with { type: 'json' };
import {
  bootstrapAdmin,
  fill,
  launchBrowser,
  pickOption,
  screenshot,
  signInAsAdmin,
  startServer,
  type BootstrappedAdmin,
  type E2eBrowser,
  type E2eServer,
} from './harness.js';

const a = zhAgreements.agreements;
const PASSWORD = 'Agreement-Lantern-2026!';
const MEMBER = { email: 'member@example.edu.tw', name: '林小明' };
const STAFF = [
  { name: '陳大文', title: '工程師', work: '系統開發與維護' },
  { name: '張美玲', title: '專案經理', work: '專案管理', isSubcontractor: true },
  { name: MEMBER.name, title: '系統管理師', work: '主機與資料庫管理', account: MEMBER.email },
] as const;
const PURPOSE = '辦理校務行政系統維運';

/** A valid 身分證字號 with this prefix (letter, sex digit and 7 digits): the check digit that fits. */
function nationalId(prefix: string): string {
  for (let d = 0; d <= 9; d += 1) {
    if (isValidNationalId(`${prefix}${d}`)) {
      return `${prefix}${d}`;
    }
  }
  throw new Error(`no check digit for ${prefix}`);
}
const IDS = [nationalId('A12345678'), nationalId('B20012345'), nationalId('F13110409')];

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { download, bytes: await readFile(path) };
}

describe('confidentiality agreements', () => {
  let server: E2eServer;
  let browser: E2eBrowser;
  let admin: BootstrappedAdmin;
  let contract: ContractDetail;
  let system: SystemDetail;
  let agreementId = '';
  let signedPdf: Buffer = Buffer.alloc(0);

  beforeAll(async () => {
    server = await startServer();
    admin = await bootstrapAdmin(server);
    const division = await admin.api<{ id: string }>('POST', '/organisations', {
      kind: 'division',
      code: 'MOE-DIT',
      name: '資訊及科技教育司',
    });
    const unit = await admin.api<{ id: string }>('POST', '/organisations', {
      kind: 'unit',
      code: 'NTU-0010',
      name: '國立範例大學',
    });
    contract = await admin.api<ContractDetail>('POST', '/contracts', {
      type: 'commission',
      divisionId: division.id,
      unitId: unit.id,
      periodStart: '2026-01-01',
      periodEnd: '2027-12-31',
      number: 'MOE-115-0077',
      name: '校務行政系統維運委辦案',
    });
    system = await admin.api<SystemDetail>('POST', '/systems', {
      orgId: unit.id,
      name: '校務行政系統',
      status: 'online',
      launchOverride: { reason: '既有上線系統補登' },
      urls: ['https://admin.example.edu.tw/'],
      contractIds: [contract.id],
    });
    const created = await admin.api<{ inviteUrl: string }>('POST', '/users', {
      email: MEMBER.email,
      name: MEMBER.name,
      role: 'unit_member',
      orgId: unit.id,
    });
    const token = new URL(created.inviteUrl).pathname.split('/').pop() ?? '';
    const accepted = await fetch(`${server.url}/api/v1/auth/invites/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: PASSWORD }),
    });
    expect(accepted.ok, await accepted.text()).toBe(true);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates an agreement for the contract from the list page', async () => {
    const { page } = browser;
    await signInAsAdmin(page, server, admin);
    await page.getByRole('navigation').getByRole('link', { name: zh.nav.agreements }).click();
    await page.getByRole('heading', { name: a.title, exact: true }).waitFor();
    await page.getByText(a.empty).waitFor();
    await page.getByRole('button', { name: a.create }).click();

    const dialog = page.getByRole('dialog', { name: a.createTitle });
    const contractField = dialog.getByLabel(a.fields.contract, { exact: true });
    await contractField.click();
    await contractField.pressSequentially('0077');
    await pickOption(page, contractField, `${contract.number} ${contract.name}`);
    // 甲方 and the court come filled in with the seed's defaults.
    await expect(dialog.getByLabel(a.fields.partyAName).inputValue()).resolves.toBe('教育部');
    await expect(dialog.getByLabel(a.fields.court).inputValue()).resolves.toBe('臺灣臺北地方法院');
    await dialog.getByLabel(a.fields.partyARepresentative).fill('部長 王大明');
    await dialog.getByLabel(a.fields.partyAAddress).fill('臺北市中正區中山南路5號');
    await dialog.getByLabel(a.fields.partyBRepresentative).fill('校長 李四');
    await dialog.getByLabel(a.fields.partyBAddress).fill('臺北市大安區羅斯福路四段1號');
    await dialog.getByLabel(a.fields.purpose).fill(PURPOSE);
    await dialog.getByLabel(a.fields.penalty).fill('50');
    await screenshot(page, 'agreements-01-create');
    await dialog.getByRole('button', { name: zh.common.create }).click();

    await page.getByText(a.created).waitFor();
    await page.waitForURL(/\/agreements\/[0-9a-f-]{36}$/);
    agreementId = page.url().split('/').pop() ?? '';
    await page.getByRole('heading', { name: `${a.title}：${contract.number} ${contract.name}` }).waitFor();
    // 第四條 三 is on the page from the start.
    await page.getByTestId('confidentiality-survives').getByText(a.survives).waitFor();
    await page.getByText(fill(a.fields.penaltyValue, { amount: '50' })).waitFor();
    await page.getByText(fill(a.fields.termValue, { count: 3 })).waitFor();
    await page.getByText(a.statuses.draft).first().waitFor();
    await screenshot(page, 'agreements-02-detail');
  });

  it('puts three people on 附件一, one of them linked to the member’s account', async () => {
    const { page } = browser;
    await page.getByRole('tab', { name: fill(a.tabs.staff, { count: 0 }) }).click();
    await page.getByText(a.staff.empty).waitFor();
    for (const person of STAFF) {
      await page.getByRole('button', { name: a.staff.add }).click();
      const dialog = page.getByRole('dialog', { name: a.staff.addTitle });
      await dialog.getByLabel(a.staff.name, { exact: true }).fill(person.name);
      await dialog.getByLabel(a.staff.title, { exact: true }).fill(person.title);
      await dialog.getByLabel(a.staff.work).fill(person.work);
      if ('account' in person) {
        const account = dialog.getByLabel(a.staff.account);
        await account.click();
        await account.pressSequentially('member');
        await pickOption(page, account, `${MEMBER.name}（${MEMBER.email}）`);
      }
      if ('isSubcontractor' in person) {
        await dialog.getByLabel(a.staff.subcontractor).check();
      }
      await dialog.getByRole('button', { name: zh.common.create }).click();
      await page.getByText(fill(a.staff.added, { name: person.name })).waitFor();
      await dialog.waitFor({ state: 'hidden' });
    }
    await page.getByRole('tab', { name: fill(a.tabs.staff, { count: 3 }) }).waitFor();
    const rows = page.getByRole('tabpanel').getByRole('row');
    await expect.poll(() => rows.count()).toBe(4);
    await rows.filter({ hasText: MEMBER.name }).getByText(a.staff.linked).waitFor();
    await rows.filter({ hasText: '張美玲' }).getByText(a.staff.subcontractorTag).waitFor();
    expect(await rows.filter({ hasText: a.states.missing }).count()).toBe(3);
    await screenshot(page, 'agreements-03-staff');
  });

  it('downloads the agreement and 附件一 as DOCX and PDF, and records the signed copies', async () => {
    const { page } = browser;
    await page.getByRole('tab', { name: a.tabs.overview }).click();
    const docx = await downloaded(page, () => page.getByRole('button', { name: a.documents.agreementDocx }).click());
    expect(docx.download.suggestedFilename()).toMatch(/\.docx$/);
    expect(docx.bytes.length).toBeGreaterThan(1000);
    expect(docx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const pdf = await downloaded(page, () => page.getByRole('button', { name: a.documents.agreementPdf }).click());
    expect(pdf.download.suggestedFilename()).toMatch(/\.pdf$/);
    expect(pdf.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const staffPdf = await downloaded(page, () => page.getByRole('button', { name: a.documents.staffListPdf }).click());
    expect(staffPdf.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    // The app's own PDF stands for the signed scans below.
    signedPdf = pdf.bytes;

    await page.getByText(a.statuses.generated).first().waitFor();
    await page.getByRole('button', { name: a.sign.record }).click();
    const dialog = page.getByRole('dialog', { name: a.sign.modalTitle });
    await dialog.getByLabel(a.fields.signedOn).fill('2026-03-02');
    await dialog.getByLabel(a.fields.signedOn).press('Tab');
    const inputs = dialog.locator('input[type=file]');
    await inputs.nth(0).setInputFiles({ name: '甲方收執本.pdf', mimeType: 'application/pdf', buffer: signedPdf });
    await inputs.nth(1).setInputFiles({ name: '乙方收執本.pdf', mimeType: 'application/pdf', buffer: signedPdf });
    await dialog.getByRole('button', { name: a.sign.record }).click();
    await page.getByText(a.sign.signed).waitFor();
    await page.getByText(a.statuses.signed).first().waitFor();
    await page.getByText('中華民國 115 年 3 月 2 日').first().waitFor();
    await page.getByTestId('confidentiality-survives').getByText(a.survives).waitFor();
    const saved = await admin.api<Agreement>('GET', `/agreements/${agreementId}`);
    expect(saved.status).toBe('signed');
    expect(saved.partyACopySha256).toMatch(/^[0-9a-f]{64}$/);
    await screenshot(page, 'agreements-04-signed');
  });

  it('creates the commitments with masked ID numbers, reveals one, and uploads a signed scan', async () => {
    const { page } = browser;
    await page.getByRole('tab', { name: fill(a.tabs.commitments, { count: 0 }) }).click();
    for (const [index, person] of STAFF.entries()) {
      await page.getByRole('button', { name: a.commitments.add }).click();
      const dialog = page.getByRole('dialog', { name: a.commitments.addTitle });
      const personField = dialog.getByLabel(a.commitments.person);
      await personField.click();
      await pickOption(page, personField, `${person.name}（${person.title}）`);
      await dialog.getByLabel(a.commitments.address).fill(`臺北市大安區和平東路${index + 1}號`);
      await dialog.getByLabel(a.commitments.nationalId).fill(IDS[index] ?? '');
      await dialog.getByRole('button', { name: zh.common.create }).click();
      await page.getByText(fill(a.commitments.created, { name: person.name })).waitFor();
      await dialog.waitFor({ state: 'hidden' });
    }
    const panel = page.getByRole('tabpanel');
    const first = IDS[0] ?? '';
    const masked = `${first.slice(0, 3)}****${first.slice(-3)}`;
    const firstRow = panel.getByRole('row').filter({ hasText: STAFF[0].name });
    await firstRow.getByText(masked).waitFor();
    // No full number anywhere on the page until it is revealed.
    for (const id of IDS) {
      expect(await page.getByText(id).count()).toBe(0);
    }
    await firstRow.getByRole('button', { name: fill(a.commitments.revealNamed, { name: STAFF[0].name }) }).click();
    await firstRow.getByText(first).waitFor();
    await screenshot(page, 'agreements-05-commitments');

    await firstRow.getByRole('button', { name: fill(a.commitments.signNamed, { name: STAFF[0].name }) }).click();
    const dialog = page.getByRole('dialog', { name: fill(a.commitments.signTitle, { name: STAFF[0].name }) });
    await dialog.getByLabel(a.commitments.signedOn).fill('2026-03-03');
    await dialog.getByLabel(a.commitments.signedOn).press('Tab');
    await dialog.locator('input[type=file]').setInputFiles({
      name: '保密承諾書-陳大文.pdf',
      mimeType: 'application/pdf',
      buffer: signedPdf,
    });
    // All six are required: submitting with five ticked is refused in the form.
    const boxes = dialog.getByRole('checkbox');
    expect(await boxes.count()).toBe(6);
    for (let i = 0; i < 5; i += 1) {
      await boxes.nth(i).check();
    }
    await dialog.getByRole('button', { name: a.sign.record }).click();
    await dialog.getByText(a.commitments.allRequired).waitFor();
    await boxes.nth(5).check();
    await dialog.getByRole('button', { name: a.sign.record }).click();
    await page.getByText(fill(a.commitments.signed, { name: STAFF[0].name })).waitFor();
    await firstRow.getByText(a.states.valid).waitFor();
    await panel.getByRole('row').filter({ hasText: MEMBER.name }).getByText(a.states.unsigned).waitFor();

    const pdf = await downloaded(page, () =>
      firstRow.getByRole('button', { name: fill(a.documents.commitmentPdf, { name: STAFF[0].name }) }).click(),
    );
    expect(pdf.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const stored = await admin.api<Commitment[]>('GET', `/agreements/${agreementId}/commitments`);
    expect(stored.map((c) => c.state).sort()).toEqual(['unsigned', 'unsigned', 'valid']);
    expect(JSON.stringify(stored)).not.toContain(first);
  });

  it('shows the unit admin’s view of who is blocked on the contract', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/contracts/${contract.id}?tab=agreements`);
    const members = page.getByRole('region', { name: a.access.members });
    await members.getByRole('row').filter({ hasText: MEMBER.name }).getByText(a.access.reasons.unsigned).waitFor();
    await members.getByRole('row').filter({ hasText: MEMBER.name }).getByText(a.access.blocked).waitFor();
    await screenshot(page, 'agreements-06-contract-access');
  });

  it('refuses the member the contract’s system until they confirm their commitment in the app', async () => {
    const { page } = browser;
    await browser.context.clearCookies();
    await page.goto(`${server.url}/login`);
    await page.getByLabel(zh.login.email).fill(MEMBER.email);
    await page.getByLabel(zh.login.password).fill(PASSWORD);
    await page.getByLabel(zh.login.password).press('Enter');
    await page.getByRole('heading', { name: zhObligations.obligations.todo.title }).waitFor();

    // In the systems list the row stays, without a link, with the reason under its name.
    await page.goto(`${server.url}/systems`);
    const row = page.getByRole('row').filter({ hasText: system.name });
    await row.getByText(ERROR_MESSAGES.COMMITMENT_REQUIRED['zh-TW']).waitFor();
    expect(await row.getByRole('link', { name: system.name }).count()).toBe(0);
    await screenshot(page, 'agreements-07-member-blocked-list');

    await page.goto(`${server.url}/systems/${system.id}`);
    await page.getByText(ERROR_MESSAGES.COMMITMENT_REQUIRED['zh-TW']).waitFor();
    await screenshot(page, 'agreements-07-member-blocked');
    await page.getByRole('link', { name: a.access.openMine }).click();

    await page.getByRole('heading', { name: a.my.title }).waitFor();
    const card = page.getByRole('region', { name: contract.name });
    await card.getByText(a.my.blocked).waitFor();
    // The six commitments, word for word, each its own checkbox.
    for (const [index, text] of COMMITMENT_TEXTS.entries()) {
      await card.getByRole('checkbox', { name: `${index + 1}. ${text}` }).check();
    }
    await screenshot(page, 'agreements-08-confirm');
    await card.getByRole('button', { name: a.my.submit }).click();
    await page.getByText(a.my.confirmed).waitFor();
    await card.getByText(a.states.valid, { exact: true }).waitFor();

    await page.goto(`${server.url}/systems`);
    await page.getByRole('row').filter({ hasText: system.name }).getByRole('link', { name: system.name }).click();
    await page.getByRole('heading', { name: system.name }).first().waitFor();
    expect(await page.getByText(ERROR_MESSAGES.COMMITMENT_REQUIRED['zh-TW']).count()).toBe(0);
    await screenshot(page, 'agreements-09-member-allowed');
  });

  it('ran without CSP violations or console errors', () => {
    expect(browser.cspViolations).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
