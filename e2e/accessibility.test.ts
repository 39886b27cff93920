// DRAFT, not part of the suite (issue 11, defect 10): the vitest e2e project runs only
// `e2e/**/*.test.ts`. Its first complete runs on 2026-12-02 took 5–7 minutes and stopped
// before the axe report: once on a wrong locator (fixed) and once on the systems page's
// create button, whose modal did not open within 30 s. Until it passes, and has been
// seen to fail with a theme token reverted, it stays out of CI. Run it by hand with
// `npm run build && npx vitest run --project e2e --dir e2e e2e/accessibility.draft.ts`.
/**
 * Automated accessibility check (issue 11, defect 10): axe-core with the WCAG 2.1 A and AA
 * rules on every page of the web app, as the roles that use it, and with a few modals
 * open. One server on the demo data set, one browser; any serious or critical violation
 * fails the test with the page and the elements named.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import zh from '../apps/web/src/locales/zh-TW.json' with { type: 'json' };
import zhHosts from '../apps/web/src/locales/zh-TW/hosts.json' with { type: 'json' };
import zhSystems from '../apps/web/src/locales/zh-TW/systems.json' with { type: 'json' };
import { launchBrowser, startServer, totpAfter, type E2eBrowser, type E2eServer } from './harness.js';

const ROOT = resolve(import.meta.dirname, '..');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = new Set(['serious', 'critical']);

type Finding = { page: string; rule: string; impact: string; nodes: number; help: string; targets: string[] };

let server: E2eServer | undefined;
let browser: E2eBrowser;
let password = '';
const findings: Finding[] = [];
const scanned: string[] = [];

/** Waits until the page has settled: no request in flight, no spinner or skeleton, animations done. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page
    .locator('.ant-spin-spinning, .ant-skeleton-active')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForTimeout(400);
}

/** Runs axe on the page as it is now and records its serious and critical violations. */
async function scan(page: Page, label: string): Promise<void> {
  await settle(page);
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  scanned.push(label);
  for (const v of result.violations) {
    if (v.impact && BLOCKING.has(v.impact)) {
      findings.push({
        page: label,
        rule: v.id,
        impact: v.impact,
        nodes: v.nodes.length,
        help: v.help,
        targets: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`.slice(0, 300)),
      });
    }
  }
}

async function visit(page: Page, path: string, label = path): Promise<void> {
  if (!server) {
    throw new Error('server not started');
  }
  await page.goto(`${server.url}${path}`);
  await scan(page, label);
}

/** The id of the first row a list endpoint returns to the signed-in browser. */
async function firstId(page: Page, apiPath: string): Promise<string> {
  if (!server) {
    throw new Error('server not started');
  }
  const response = await page.request.get(`${server.url}/api/v1${apiPath}`);
  const body = (await response.json()) as { items?: { id: string }[] } | { id: string }[];
  const items = Array.isArray(body) ? body : (body.items ?? []);
  const id = items[0]?.id;
  if (!id) {
    throw new Error(`${apiPath} returned no rows`);
  }
  return id;
}

/** Signs in through the login page; ministry roles enrol TOTP at first sign-in (scanned when `scanEnrolment`). */
async function signIn(page: Page, email: string, options: { scanEnrolment?: boolean } = {}): Promise<void> {
  if (!server) {
    throw new Error('server not started');
  }
  await browser.context.clearCookies();
  await page.goto(`${server.url}/login`);
  await page.getByLabel(zh.login.email).fill(email);
  await page.getByLabel(zh.login.password).fill(password);
  await page.getByLabel(zh.login.password).press('Enter');
  await page.waitForURL(/\/(todo|mfa-enrolment)/);
  if (page.url().includes('/mfa-enrolment')) {
    if (options.scanEnrolment) {
      await scan(page, '/mfa-enrolment');
    }
    const secret = (await page.getByTestId('mfa-secret').innerText()).trim();
    const { code } = await totpAfter(secret, null, server.clockOffsetMs);
    await page.getByLabel(zh.mfa.code, { exact: true }).fill(code);
    await page.getByLabel(zh.mfa.code, { exact: true }).press('Enter');
    await page.getByText(zh.mfa.enabled).waitFor();
    if (options.scanEnrolment) {
      await scan(page, '/mfa-enrolment (recovery codes)');
    }
    await page.getByRole('button', { name: zh.mfa.continue }).click();
  }
  await page.waitForURL(/\/todo/);
}

/** Opens the modal a toolbar button opens, scans it, and closes it. */
async function scanModal(page: Page, path: string, button: string): Promise<void> {
  await visit(page, path);
  await page.getByRole('button', { name: button }).first().click();
  await page.locator('.ant-modal-content').first().waitFor();
  // The dialog starts on its first field, not on × (an early Enter would close it).
  await expect.poll(() => page.locator('.ant-modal :is(input, textarea):focus').count()).toBe(1);
  await scan(page, `${path} (modal ${button})`);
  await page.keyboard.press('Escape');
}

/** The shell's layout at a desktop and a phone width: whole title, header without overlaps, one <main>. */
async function checkShellLayout(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 900 });
  await visit(page, '/dashboard', '/dashboard at 1440 px');
  expect(await page.locator('main').count()).toBe(1);
  const brand = page.locator('.app-brand > span:not(.anticon)');
  expect(await brand.evaluate((e) => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight)).toBe(true);
  expect(await brand.innerText()).toBe(zh.app.name);

  await page.setViewportSize({ width: 390, height: 844 });
  await visit(page, '/dashboard', '/dashboard at 390 px');
  const overlaps = await page.locator('.app-header').evaluate((header) => {
    const box = header.getBoundingClientRect();
    const items = [...header.querySelectorAll('.ant-space-item')].map((e) => e.getBoundingClientRect());
    const outside = items.filter(
      (r) => r.bottom > box.bottom + 0.5 || r.top < box.top - 0.5 || r.right > box.right + 0.5,
    );
    const crossing = items.flatMap((a, i) =>
      items
        .slice(i + 1)
        .filter(
          (b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5,
        ),
    );
    return outside.length + crossing.length;
  });
  expect(overlaps).toBe(0);
  await page.setViewportSize({ width: 1366, height: 860 });
}

/** Runs a `custodian` command on a data directory and returns its output. */
function runCli(dataDir: string, args: string[]): string {
  const run = spawnSync(process.execPath, [join(ROOT, 'apps/server/bin/custodian.mjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    throw new Error(`custodian ${args.join(' ')} failed: ${run.stdout}\n${run.stderr}`);
  }
  return run.stdout;
}

/** The demo data set on an empty data directory; returns the demo accounts' password. */
function seedDemo(dataDir: string): string {
  const match = /所有示範帳號的密碼: (\S+)/.exec(runCli(dataDir, ['seed', '--demo']));
  if (!match?.[1]) {
    throw new Error('seed --demo printed no password');
  }
  return match[1];
}

beforeAll(async () => {
  browser = await launchBrowser();
  browser.page.setDefaultTimeout(30_000);
}, 60_000);

afterAll(async () => {
  await browser.close();
  await server?.stop();
});

describe('accessibility: axe WCAG 2.1 A/AA on every page', () => {
  it('finds no serious or critical violation on any page, as any role, with modals open', async () => {
    const { page } = browser;
    // The first-run page exists only while the database is empty. Migrating first keeps the
    // slow part out of the server's start-up deadline on a busy machine.
    const dataDir = await mkdtemp(join(tmpdir(), 'custodian-axe-'));
    runCli(dataDir, ['migrate']);
    server = await startServer({}, { dataDir });
    await visit(page, '/setup');
    await server.stop({ keepData: true });
    password = seedDemo(dataDir);
    server = await startServer({}, { dataDir });

    await visit(page, '/login');
    await visit(page, '/invite/not-a-valid-token', '/invite/:token (invalid)');

    // Ministry administrator: every section.
    await signIn(page, 'yating.chen@moe.example', { scanEnrolment: true });
    const ids = {
      contract: await firstId(page, '/contracts?page=1&pageSize=1'),
      system: await firstId(page, '/systems?page=1&pageSize=1'),
      host: await firstId(page, '/hosts?page=1&pageSize=1'),
      allocation: await firstId(page, '/allocations?page=1&pageSize=1'),
      qualification: await firstId(page, '/vendor-qualifications?page=1&pageSize=1'),
      policy: await firstId(page, '/policy/versions'),
    };
    for (const path of [
      '/todo',
      '/calendar',
      '/calendar?tab=list',
      '/dashboard',
      '/contracts',
      `/contracts/${ids.contract}`,
      '/systems',
      '/systems?tab=overdue',
      `/systems/${ids.system}`,
      `/systems/${ids.system}?tab=contacts`,
      '/hosts',
      `/hosts/${ids.host}`,
      '/allocations',
      '/allocations?tab=renewals',
      `/allocations/${ids.allocation}`,
      '/vendors',
      `/vendors/${ids.qualification}`,
      '/organisations',
      '/users',
      '/imports',
      '/policy',
      `/policy/versions/${ids.policy}`,
      '/policy/publish',
      '/audit',
      '/jobs',
      '/outbox',
      '/working-days',
      '/notifications',
      '/account',
      '/no-such-page',
    ]) {
      await visit(page, path);
    }
    await checkShellLayout(page);
    await scanModal(page, '/systems', zhSystems.systems.create);
    await scanModal(page, '/users', zh.users.create);
    await scanModal(page, '/organisations', zh.organisations.create);

    // An invitation as the invitee sees it.
    const session = await page.request.get(`${server.url}/api/v1/auth/session`);
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const orgId = await firstId(page, '/organisations?page=1&pageSize=1&kind=unit');
    const created = await page.request.post(`${server.url}/api/v1/users`, {
      headers: { 'x-csrf-token': csrfToken },
      data: { email: 'axe.invitee@ntnu.example', name: '測試受邀者', role: 'unit_member', orgId },
    });
    const { inviteUrl } = (await created.json()) as { inviteUrl: string };
    await browser.context.clearCookies();
    await page.goto(inviteUrl);
    await scan(page, '/invite/:token');

    // The sign-in's second step, for an enrolled ministry account.
    await page.goto(`${server.url}/login`);
    await page.getByLabel(zh.login.email).fill('yating.chen@moe.example');
    await page.getByLabel(zh.login.password).fill(password);
    await page.getByLabel(zh.login.password).press('Enter');
    await page.getByRole('heading', { name: zh.login.mfaTitle }).waitFor();
    await scan(page, '/login (MFA step)');

    // The other roles, on the pages that differ for them.
    await signIn(page, 'shufen.chang@moe.example');
    for (const path of ['/todo', '/dashboard', '/contracts', `/contracts/${ids.contract}`, '/systems']) {
      await visit(page, path, `${path} as ministry_owner`);
    }
    await signIn(page, 'kuohua.li@moe.example');
    for (const path of ['/dashboard', '/systems', '/audit']) {
      await visit(page, path, `${path} as auditor`);
    }
    await signIn(page, 'yichun.huang@ntnu.example');
    const unitSystem = await firstId(page, '/systems?page=1&pageSize=1');
    for (const path of ['/todo', '/dashboard', '/systems', `/systems/${unitSystem}?tab=contacts`, '/hosts', '/users']) {
      await visit(page, path, `${path} as unit_admin`);
    }
    await scanModal(page, '/hosts', zhHosts.hosts.create);
    await signIn(page, 'peishan.tsai@ntnu.example');
    for (const path of ['/todo', '/dashboard', `/systems/${unitSystem}?tab=contacts`, '/account']) {
      await visit(page, path, `${path} as unit_member`);
    }

    const report = findings.map(
      (f) => `${f.page}: ${f.rule} (${f.impact}, ${f.nodes} nodes) ${f.help}\n    ${f.targets.join('\n    ')}`,
    );
    expect(scanned.length).toBeGreaterThan(50);
    expect(report, `${findings.length} violations on ${scanned.length} pages:\n${report.join('\n')}`).toEqual([]);
  }, 900_000);
});
