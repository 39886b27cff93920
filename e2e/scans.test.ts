/**
 * In real Chromium: vulnerability scans (issue 9). A unit's system waits to go online; the
 * pre-launch check refuses it (no scan). A ZAP report is uploaded on the import page: the
 * progress bar shows while it uploads and parses, then the summary by class and severity.
 * The check now lists the open High findings and refuses again; a later scan of the same
 * site without them marks them fixed, and the check lets the system go online.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '@custodian/shared';
import zhFindings from '../apps/web/src/locales/zh-TW/findings.json' with { type: 'json' };
import zhSystems from '../apps/web/src/locales/zh-TW/systems.json' with { type: 'json' };
import {
  bootstrapAdmin,
  launchBrowser,
  screenshot,
  signInAsAdmin,
  type BootstrappedAdmin,
  type E2eBrowser,
  type E2eServer,
  startServer,
} from './harness.js';

const f = zhFindings.findings;
const FIXTURES = resolve(import.meta.dirname, '..', 'apps', 'server', 'src', 'modules', 'scans', 'parsers', 'fixtures');
const SYSTEM = '範例大學選課系統';

/** ZAP's report date (`Thu, 3 Dec 2026 10:15:00`), an hour ahead so the scan counts as after the system's last change. */
function zapDate(now: Date): string {
  const at = new Date(now.getTime() + 3_600_000);
  const day = at.toLocaleDateString('en-GB', { weekday: 'short', timeZone: 'UTC' });
  const date = at.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const time = at.toLocaleTimeString('en-GB', { hour12: false, timeZone: 'UTC' });
  return `${day}, ${date} ${time}`;
}

describe('vulnerability scans and the pre-launch check', () => {
  let server: E2eServer;
  let browser: E2eBrowser;
  let admin: BootstrappedAdmin;
  let systemId = '';
  let firstScan = Buffer.alloc(0);
  let cleanScan = Buffer.alloc(0);

  beforeAll(async () => {
    server = await startServer();
    admin = await bootstrapAdmin(server);
    const unit = await admin.api<{ id: string }>('POST', '/organisations', {
      kind: 'unit',
      code: 'NTU-0001',
      name: '國立範例大學',
    });
    ({ id: systemId } = await admin.api<{ id: string }>('POST', '/systems', {
      orgId: unit.id,
      name: SYSTEM,
      status: 'pre_launch',
    }));
    // The real ZAP report, dated now; and the same site scanned again with nothing found.
    const original = await readFile(join(FIXTURES, 'zap', 'zap-results-first-scan.xml'), 'utf8');
    const dated = original.replace(/generated="[^"]*"/, `generated="${zapDate(new Date())}"`);
    firstScan = Buffer.from(dated);
    cleanScan = Buffer.from(dated.replace(/<alerts>[\s\S]*?<\/alerts>/g, '<alerts></alerts>'));
    browser = await launchBrowser();
    await browser.page.setViewportSize({ width: 1440, height: 900 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('refuses to put a system without a scan online', async () => {
    const { page } = browser;
    await signInAsAdmin(page, server, admin);
    await page.goto(`${server.url}/systems/${systemId}?tab=scans`);
    const check = page.getByTestId('launch-check');
    await check.getByText(f.launch.noScan).waitFor();
    await check.getByRole('button', { name: f.launch.goOnline }).click();
    await check.getByRole('alert').getByText(ERROR_MESSAGES.SYSTEM_LAUNCH_BLOCKED['zh-TW']).waitFor();
    await screenshot(page, 'scans-01-gate-no-scan');
  });

  it('imports a ZAP report with a progress bar, then shows what it found', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: f.import.action }).click();
    await page.getByRole('heading', { name: f.import.title, level: 1 }).waitFor();
    // The system comes preselected from its page.
    await page.getByText(SYSTEM).first().waitFor();
    // A slow uplink, so the upload's progress bar is seen before the answer.
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 48 * 1024,
    });
    await page.locator('input[type=file]').setInputFiles({
      name: 'zap-results-first-scan.xml',
      mimeType: 'application/xml',
      buffer: firstScan,
    });
    const progress = page.getByRole('progressbar', { name: f.import.progress });
    await progress.waitFor();
    await screenshot(page, 'scans-02-uploading');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    const summary = page.getByRole('table', { name: f.summary.title });
    await summary.waitFor({ timeout: 30_000 });
    const newRow = summary.getByRole('row', { name: new RegExp(`^${f.summary.classes.new}`) });
    // 15 ZAP alerts over their instances; none was known before, so every one is new.
    await expect(newRow.getByRole('cell').last().textContent()).resolves.not.toBe('0');
    await screenshot(page, 'scans-03-summary');
  });

  it('lists the open High findings that block, then lets the system go online once a later scan finds them fixed', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/systems/${systemId}?tab=scans`);
    const check = page.getByTestId('launch-check');
    await check.getByText(f.launch.blocked).waitFor();
    await check.getByText(new RegExp(f.launch.openFindings.replace('{{count}}', '\\d+'))).waitFor();
    await screenshot(page, 'scans-04-gate-findings');

    await page.getByRole('button', { name: f.import.action }).click();
    await page.locator('input[type=file]').setInputFiles({
      name: 'zap-second.xml',
      mimeType: 'application/xml',
      buffer: cleanScan,
    });
    await page.getByRole('table', { name: f.summary.title }).waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: f.import.toSystem }).click();
    await check.getByText(f.launch.allowed).waitFor();
    await check.getByRole('button', { name: f.launch.goOnline }).click();
    await page.getByText(f.launch.wentOnline).waitFor();
    await check.getByText(f.launch.isOnline).waitFor();
    await screenshot(page, 'scans-05-online');
    const system = await admin.api<{ status: string }>('GET', `/systems/${systemId}`);
    expect(system.status).toBe('online');
    expect(zhSystems.systems.tabs.scans).toBeTruthy();
  });
});
