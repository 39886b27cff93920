/**
 * In real Chromium: a contract's attachments tab — empty state and size limit, upload of a
 * file with a Chinese name by keyboard, refusal of a program dressed as a PDF with the
 * server's localised message, refusal of an oversize file before it is sent, download of
 * the same bytes under the same name, and deletion after confirmation.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, type ContractDetail } from '@custodian/shared';
import zhAttachments from '../apps/web/src/locales/zh-TW/attachments.json' with { type: 'json' };
import zhContracts from '../apps/web/src/locales/zh-TW/contracts.json' with { type: 'json' };
import {
  bootstrapAdmin,
  fill,
  launchBrowser,
  screenshot,
  signInAsAdmin,
  startServer,
  type BootstrappedAdmin,
  type E2eBrowser,
  type E2eServer,
} from './harness.js';

const a = zhAttachments.attachments;

/** 64 KiB, so an oversize file is cheap to make. */
const MAX_BYTES = 64 * 1024;
const FILE_NAME = '資安風險評估報告（第1版）.pdf';
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n' +
    'trailer <</Root 1 0 R>>\n%%EOF\n',
);
const PROGRAM = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(120)]);

describe('attachments panel', () => {
  let server: E2eServer;
  let browser: E2eBrowser;
  let admin: BootstrappedAdmin;
  let contract: ContractDetail;

  beforeAll(async () => {
    server = await startServer({ ATTACHMENT_MAX_BYTES: String(MAX_BYTES) });
    admin = await bootstrapAdmin(server);
    const division = await admin.api<{ id: string }>('POST', '/organisations', {
      kind: 'division',
      code: 'MOE-DIT',
      name: '資訊及科技教育司',
    });
    const unit = await admin.api<{ id: string }>('POST', '/organisations', {
      kind: 'unit',
      code: 'NTU-0001',
      name: '國立範例大學',
    });
    contract = await admin.api<ContractDetail>('POST', '/contracts', {
      type: 'commission',
      divisionId: division.id,
      unitId: unit.id,
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      number: 'MOE-115-0042',
      name: '校務系統弱點修補委辦案',
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens the contract’s attachments tab with an empty state and the size limit', async () => {
    const { page } = browser;
    await signInAsAdmin(page, server, admin);

    await page.goto(`${server.url}/contracts/${contract.id}`);
    await page.getByRole('tab', { name: zhContracts.contracts.tabs.attachments }).click();
    await page.getByRole('heading', { name: a.title }).waitFor();
    await page.getByText(a.emptyCanEdit).waitFor();
    await page.getByText(fill(a.hint, { size: '64 KB' })).waitFor();
    await screenshot(page, 'attachments-01-empty');
  });

  it('uploads a file with a Chinese name from the keyboard and lists it', async () => {
    const { page } = browser;
    const uploadButton = page.getByRole('button', { name: a.upload });
    await uploadButton.waitFor();
    // Focus and Enter in one step, so nothing can take the focus in between.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), uploadButton.press('Enter')]);
    await chooser.setFiles({ name: FILE_NAME, mimeType: 'application/pdf', buffer: PDF });

    await page.getByText(fill(a.uploaded, { name: FILE_NAME })).waitFor();
    const row = page.getByRole('row', { name: new RegExp(FILE_NAME.replace(/[()（）.]/g, '.')) });
    await row.waitFor();
    const sha = createHash('sha256').update(PDF).digest('hex');
    expect(await row.getByRole('cell', { name: 'PDF', exact: true }).count()).toBe(1);
    await row.getByText(`${sha.slice(0, 12)}…`).waitFor();
    await row.getByText(admin.name).waitFor();
    await row.getByText(`${PDF.length} B`).waitFor();
    // ROC date (民國) by default.
    await row.getByText(/^民國\d{3}年/).waitFor();
    await screenshot(page, 'attachments-02-uploaded');
  });

  it('shows the server’s refusal of a program named .pdf, and refuses an oversize file before sending it', async () => {
    const { page } = browser;
    const input = page.locator('section.attachments-panel input[type=file]');
    await input.setInputFiles({ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: PROGRAM });
    await page.getByText(ERROR_MESSAGES.FILE_TYPE_REFUSED['zh-TW']).waitFor();

    let posted = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/v1/attachments')) {
        posted += 1;
      }
    });
    await input.setInputFiles({ name: 'huge.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(MAX_BYTES + 1) });
    await page.getByText(fill(a.tooLarge, { size: '64 KB' })).waitFor();
    expect(posted).toBe(0);
    await screenshot(page, 'attachments-03-refused');

    const stored = await admin.api<{ total: number }>('GET', `/attachments?ownerType=contract&ownerId=${contract.id}`);
    expect(stored.total).toBe(1);
  });

  it('downloads the same bytes under the same name', async () => {
    const { page } = browser;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: fill(a.downloadNamed, { name: FILE_NAME }) }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(FILE_NAME);
    const path = await download.path();
    expect((await readFile(path)).equals(PDF)).toBe(true);
  });

  it('deletes the file after confirmation', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: fill(a.deleteNamed, { name: FILE_NAME }) }).click();
    const dialog = page.getByRole('dialog', { name: fill(a.confirmDelete, { name: FILE_NAME }) });
    await dialog.getByText(a.confirmDeleteText).waitFor();
    await screenshot(page, 'attachments-04-confirm-delete');
    await dialog.getByRole('button', { name: a.delete }).click();
    await page.getByText(fill(a.deleted, { name: FILE_NAME })).waitFor();
    await page.getByText(a.emptyCanEdit).waitFor();
    const stored = await admin.api<{ total: number }>('GET', `/attachments?ownerType=contract&ownerId=${contract.id}`);
    expect(stored.total).toBe(0);
  });

  it('ran without CSP violations or console errors', () => {
    expect(browser.cspViolations).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
