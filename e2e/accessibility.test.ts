/**
 * Automated accessibility check (issue 11, defect 10): axe-core with the WCAG 2.1 A and AA
 * rules on every page of the web app, as the roles that use it, on every tab of the pages
 * that have tabs, and with a few dialogs open. Any serious or critical violation fails the
 * test, naming the page, the rule and the elements.
 *
 * Kept fast: one server on the demo data set and one browser page; after sign-in the pages
 * are reached by client-side navigation, not by reloading the app; a page is scanned once it
 * has settled (no request in flight, no spinner, no animation running), a wait that is
 * bounded and has no fixed sleep; tabs and dialogs are scanned on their own content only;
 * axe-core is put into the page once and reports violations only.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import axe from 'axe-core';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import zh from '../apps/web/src/locales/zh-TW.json' with { type: 'json' };
import zhAgreements from '../apps/web/src/locales/zh-TW/agreements.json' with { type: 'json' };
import zhContracts from '../apps/web/src/locales/zh-TW/contracts.json' with { type: 'json' };
import zhHosts from '../apps/web/src/locales/zh-TW/hosts.json' with { type: 'json' };
import zhSystems from '../apps/web/src/locales/zh-TW/systems.json' with { type: 'json' };
import zhVendors from '../apps/web/src/locales/zh-TW/vendors.json' with { type: 'json' };
import { launchBrowser, migratedDataDir, startServer, totpAfter, type E2eBrowser, type E2eServer } from './harness.js';

const ROOT = resolve(import.meta.dirname, '..');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = new Set(['serious', 'critical']);
/** Longest wait for a page to settle; a page still busy then is scanned as it is. */
const SETTLE_LIMIT_MS = 8_000;
/** How long a page must stay quiet to count as settled. */
const QUIET_MS = 100;

let server: E2eServer;
let browser: E2eBrowser;
let page: Page;
let password = '';
/** Requests the page has sent and not yet seen answered. */
const inFlight = new Set<Request>();
/** Violations not yet asserted on, and the number of scans since. */
let findings: string[] = [];
let scans = 0;

/** The browser globals the functions run in the page use (e2e is compiled without the DOM library). */
type InPage = {
  document: {
    querySelector: (selectors: string) => unknown;
    getAnimations: () => {
      playState: string;
      effect: { getComputedTiming: () => { iterations?: number }; target?: { classList: DOMTokenList } | null } | null;
    }[];
  };
  history: { pushState: (data: unknown, unused: string, url: string) => void };
  dispatchEvent: (event: unknown) => boolean;
  PopStateEvent: new (type: string) => unknown;
  axe?: typeof axe;
};
type DOMTokenList = { contains: (token: string) => boolean };

/**
 * True while the page shows a spinner or skeleton, or runs a finite animation (a dialog
 * opening, a tab's ink bar); not for the 2 s "wave" a clicked button sends out.
 */
function pageIsBusy(): boolean {
  const { document } = globalThis as unknown as InPage;
  if (document.querySelector('.ant-spin-spinning, .ant-skeleton-active')) {
    return true;
  }
  return document
    .getAnimations()
    .some(
      (a) =>
        a.playState === 'running' &&
        a.effect?.getComputedTiming().iterations !== Infinity &&
        !a.effect?.target?.classList.contains('ant-wave'),
    );
}

/** Waits, at most SETTLE_LIMIT_MS, until no request is in flight and the page is not busy for QUIET_MS. */
async function settle(): Promise<void> {
  const deadline = Date.now() + SETTLE_LIMIT_MS;
  let quietSince = 0;
  while (Date.now() < deadline) {
    const busy = inFlight.size > 0 || (await page.evaluate(pageIsBusy));
    if (busy) {
      quietSince = 0;
    } else if (!quietSince) {
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= QUIET_MS) {
      return;
    }
    await new Promise((r) => setTimeout(r, 40));
  }
}

/**
 * Runs axe on the page (or on `include`, a CSS selector) as it is now and records serious and
 * critical violations. axe-core is put into the page once per document load and run there
 * directly: @axe-core/playwright evaluates the whole of axe's source twice on every scan,
 * which made a scan five times slower.
 */
async function scan(label: string, include?: string): Promise<void> {
  await settle();
  if (!(await page.evaluate(() => 'axe' in globalThis))) {
    await page.evaluate(axe.source);
  }
  const result = await page.evaluate(
    ([tags, selector]) => {
      const { axe: inPage, document } = globalThis as unknown as InPage;
      if (!inPage) {
        throw new Error('axe-core is not in the page');
      }
      return inPage.run((selector ? { include: [selector] } : document) as axe.ElementContext, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
    },
    [WCAG_TAGS, include] as const,
  );
  scans += 1;
  for (const v of result.violations) {
    if (v.impact && BLOCKING.has(v.impact)) {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `      ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240)}`);
      const more = v.nodes.length > 5 ? [`      … and ${v.nodes.length - 5} more`] : [];
      findings.push(
        [`${label}: ${v.id} (${v.impact}, ${v.nodes.length} nodes) ${v.help}`, ...nodes, ...more].join('\n'),
      );
    }
  }
}

/** Fails with every violation recorded since the last call, or if fewer than `minScans` scans ran. */
function expectNoFindings(minScans: number): void {
  const [report, count] = [findings, scans];
  [findings, scans] = [[], 0];
  expect(report, `${report.length} violations in ${count} scans:\n${report.join('\n')}`).toEqual([]);
  expect(count).toBeGreaterThanOrEqual(minScans);
}

/** Goes to `path` inside the running app (client-side, as a link would) and waits for it to settle. */
async function navigate(path: string): Promise<void> {
  await page.evaluate((to) => {
    const browserWindow = globalThis as unknown as InPage;
    browserWindow.history.pushState(null, '', to);
    browserWindow.dispatchEvent(new browserWindow.PopStateEvent('popstate'));
  }, path);
  await page.waitForURL((url) => url.pathname + url.search === path);
}

/**
 * Scans `path`, then (unless `tabs` is false) each other tab of its tab bar on its own: the
 * panel, not the page around it.
 */
async function visit(path: string, label = path, { tabs: withTabs = true } = {}): Promise<void> {
  await navigate(path);
  await scan(label);
  if (!withTabs) {
    return;
  }
  const tabs = page.locator('main .ant-tabs').first().locator(':scope > .ant-tabs-nav [role="tab"]');
  const count = await tabs.count();
  for (let i = 0; i < count; i += 1) {
    const tab = tabs.nth(i);
    if ((await tab.getAttribute('aria-selected')) === 'true') {
      continue;
    }
    const name = (await tab.innerText()).trim();
    await tab.click();
    await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
    const panel = await tab.getAttribute('aria-controls');
    await scan(`${label} (tab ${name})`, panel ? `#${panel}` : undefined);
  }
}

/** Loads `path` afresh (the pages before sign-in, and the first one after it). */
async function load(path: string, label = path): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await scan(label);
}

/** Opens the dialog that `open` opens, scans it, and closes it. */
async function scanDialog(label: string, open: () => Promise<void>): Promise<void> {
  await settle();
  await open();
  const dialog = page.getByRole('dialog').last();
  await dialog.waitFor();
  await scan(label, '.ant-modal-root, .ant-drawer');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
}

/** Clicks the first button so named (a page's toolbar button). */
const toolbarButton = (name: string) => () => page.getByRole('button', { name }).first().click();

/** The id of the first row a list endpoint returns to the signed-in browser. */
async function firstId(apiPath: string): Promise<string> {
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
async function signIn(email: string, options: { scanEnrolment?: boolean } = {}): Promise<void> {
  await browser.context.clearCookies();
  await page.goto(`${server.url}/login`);
  await page.getByLabel(zh.login.email).fill(email);
  await page.getByLabel(zh.login.password).fill(password);
  await page.getByLabel(zh.login.password).press('Enter');
  await page.waitForURL(/\/(todo|mfa-enrolment)/);
  if (page.url().includes('/mfa-enrolment')) {
    if (options.scanEnrolment) {
      await scan('/mfa-enrolment');
    }
    const secret = (await page.getByTestId('mfa-secret').innerText()).trim();
    const { code } = await totpAfter(secret, null, server.clockOffsetMs);
    await page.getByLabel(zh.mfa.code, { exact: true }).fill(code);
    await page.getByLabel(zh.mfa.code, { exact: true }).press('Enter');
    await page.getByText(zh.mfa.enabled).waitFor();
    if (options.scanEnrolment) {
      await scan('/mfa-enrolment (recovery codes)');
    }
    await page.getByRole('button', { name: zh.mfa.continue }).click();
  }
  await page.waitForURL(/\/todo/);
}

/** The shell's layout at a desktop and a phone width: whole title, header without overlaps, one <main>. */
async function checkShellLayout(): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 900 });
  await navigate('/dashboard');
  await settle();
  expect(await page.locator('main').count()).toBe(1);
  const brand = page.locator('.app-brand > span:not(.anticon)');
  expect(await brand.evaluate((e) => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight)).toBe(true);
  expect(await brand.innerText()).toBe(zh.app.name);

  await page.setViewportSize({ width: 390, height: 844 });
  await visit('/dashboard', '/dashboard at 390 px');
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

/** Runs a `custodian` command on a data directory and resolves with its output. */
function runCli(dataDir: string, args: string[]): Promise<string> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'apps/server/bin/custodian.mjs'), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (status) =>
      status === 0 ? resolveRun(output) : reject(new Error(`custodian ${args.join(' ')} failed:\n${output}`)),
    );
  });
}

/** A CSRF token for API calls made with the browser's session. */
async function csrfToken(): Promise<string> {
  const session = await page.request.get(`${server.url}/api/v1/auth/session`);
  return ((await session.json()) as { csrfToken: string }).csrfToken;
}

/** A POST with the browser's session; throws on an error answer. */
async function apiPost<T = unknown>(path: string, data: unknown): Promise<T> {
  const response = await page.request.post(`${server.url}/api/v1${path}`, {
    headers: { 'x-csrf-token': await csrfToken() },
    data,
  });
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as T;
}

beforeAll(async () => {
  browser = await launchBrowser();
  page = browser.page;
  page.on('request', (request) => inFlight.add(request));
  page.on('requestfinished', (request) => inFlight.delete(request));
  page.on('requestfailed', (request) => inFlight.delete(request));
  // The first-run page exists only while the database is empty: it is scanned on a server of
  // its own while the demo data set is written into another data directory.
  const demoDir = await migratedDataDir();
  const seeding = runCli(demoDir, ['seed', '--demo']);
  seeding.catch(() => undefined);
  server = await startServer();
  await load('/setup');
  await server.stop();
  const match = /所有示範帳號的密碼: (\S+)/.exec(await seeding);
  if (!match?.[1]) {
    throw new Error('seed --demo printed no password');
  }
  password = match[1];
  server = await startServer({}, { dataDir: demoDir });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('accessibility: axe WCAG 2.1 A/AA, no serious or critical violation', () => {
  it('on the first-run page and the pages before sign-in', async () => {
    await load('/login');
    await load('/invite/not-a-valid-token', '/invite/:token (invalid)');
    expectNoFindings(3);
  });

  it('on every page and tab as ministry_admin, with dialogs open', async () => {
    await signIn('yating.chen@moe.example', { scanEnrolment: true });
    const ids = {
      contract: await firstId('/contracts?page=1&pageSize=1'),
      system: await firstId('/systems?page=1&pageSize=1'),
      host: await firstId('/hosts?page=1&pageSize=1'),
      allocation: await firstId('/allocations?page=1&pageSize=1'),
      qualification: await firstId('/vendor-qualifications?page=1&pageSize=1'),
      policy: await firstId('/policy/versions'),
    };
    // An import preview with a row error, for the import job page.
    const template = await page.request.get(`${server.url}/api/v1/imports/templates/systems.csv`);
    const csv = `${(await template.text()).trimEnd()}\r\nNO-SUCH-UNIT,無障礙測試系統\r\n`;
    const upload = await page.request.post(`${server.url}/api/v1/imports`, {
      headers: { 'x-csrf-token': await csrfToken() },
      multipart: { sheet: 'systems', file: { name: 'systems.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) } },
    });
    expect(upload.status(), await upload.text()).toBe(201);
    const importJob = ((await upload.json()) as { id: string }).id;
    // A confidentiality agreement with a person and a commitment, for its page and tabs.
    const agreement = await apiPost<{ id: string }>('/agreements', {
      contractId: ids.contract,
      partyAName: '教育部',
      purpose: '無障礙測試委辦事宜',
    });
    const staff = await apiPost<{ id: string }>(`/agreements/${agreement.id}/staff`, {
      name: '無障礙測試人員',
      title: '工程師',
      work: '系統維護',
    });
    await apiPost(`/agreements/${agreement.id}/commitments`, {
      staffId: staff.id,
      address: '臺北市中正區中山南路5號',
      nationalId: 'A123456789',
    });

    // A penetration test of the system, for its page and tabs.
    const pentest = await apiPost<{ id: string }>('/pentests', {
      systemId: ids.system,
      title: '無障礙測試滲透測試',
      testerOrg: '測試資安公司',
      startOn: '2026-11-01',
    });

    await scan('/todo');
    for (const path of [
      '/calendar',
      '/dashboard',
      '/contracts',
      `/contracts/${ids.contract}`,
      '/systems',
      `/systems/${ids.system}`,
      '/hosts',
      `/hosts/${ids.host}`,
      '/allocations',
      `/allocations/${ids.allocation}`,
      '/vendors',
      `/vendors/${ids.qualification}`,
      '/scans',
      '/scans/import',
      '/pentests',
      `/pentests/${pentest.id}`,
      '/organisations',
      '/users',
      '/imports',
      `/imports/${importJob}`,
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
      await visit(path);
    }
    // A pointer left over a tab by the previous page paints the tab's hover colour, which
    // these scans check too (the theme's Tabs.itemHoverColor).
    for (const path of [
      '/agreements',
      `/agreements/${agreement.id}`,
      '/agreements/my',
      '/agreements/commitments?expired=true',
    ]) {
      await visit(path);
    }
    // A tab under the pointer, not selected: its hover colour on the layout's grey (4.38:1
    // with antd's derived hover shade, hence the theme's Tabs.itemHoverColor).
    await navigate(`/agreements/${agreement.id}`);
    const idleTab = page.locator('main .ant-tabs-nav [role="tab"][aria-selected="false"]').first();
    await idleTab.hover();
    await scan(`/agreements/${agreement.id} (a tab hovered)`, 'main .ant-tabs-nav');
    await page.mouse.move(0, 0);
    await checkShellLayout();

    await navigate('/contracts');
    await scanDialog(
      `/contracts (dialog ${zhContracts.contracts.create})`,
      toolbarButton(zhContracts.contracts.create),
    );
    await navigate('/systems');
    await scanDialog(`/systems (dialog ${zhSystems.systems.create})`, toolbarButton(zhSystems.systems.create));
    await navigate('/agreements');
    await scanDialog(
      `/agreements (dialog ${zhAgreements.agreements.create})`,
      toolbarButton(zhAgreements.agreements.create),
    );
    await navigate(`/agreements/${agreement.id}?tab=commitments`);
    await scanDialog(
      `/agreements/:id (dialog ${zhAgreements.agreements.commitments.sign})`,
      toolbarButton(zhAgreements.agreements.commitments.sign),
    );
    await navigate('/users');
    await scanDialog(`/users (dialog ${zh.users.create})`, toolbarButton(zh.users.create));
    await navigate('/organisations');
    await scanDialog(`/organisations (dialog ${zh.organisations.create})`, toolbarButton(zh.organisations.create));
    expectNoFindings(50);
  }, 240_000);

  it('on the invitation and the sign-in second step', async () => {
    const orgId = await firstId('/organisations?page=1&pageSize=1&kind=unit');
    const created = await page.request.post(`${server.url}/api/v1/users`, {
      headers: { 'x-csrf-token': await csrfToken() },
      data: { email: 'axe.invitee@ntnu.example', name: '測試受邀者', role: 'unit_member', orgId },
    });
    const { inviteUrl } = (await created.json()) as { inviteUrl: string };
    await browser.context.clearCookies();
    await page.goto(inviteUrl);
    await scan('/invite/:token');

    await page.goto(`${server.url}/login`);
    await page.getByLabel(zh.login.email).fill('yating.chen@moe.example');
    await page.getByLabel(zh.login.password).fill(password);
    await page.getByLabel(zh.login.password).press('Enter');
    await page.getByRole('heading', { name: zh.login.mfaTitle }).waitFor();
    await scan('/login (MFA step)');
    expectNoFindings(2);
  });

  it('as the other ministry roles, on the pages that differ for them', async () => {
    await signIn('shufen.chang@moe.example');
    const contract = await firstId('/contracts?page=1&pageSize=1');
    await scan('/todo as ministry_owner');
    for (const path of ['/dashboard', `/contracts/${contract}`]) {
      await visit(path, `${path} as ministry_owner`, { tabs: false });
    }
    await signIn('kuohua.li@moe.example');
    await scan('/todo as auditor');
    for (const path of ['/systems', '/audit']) {
      await visit(path, `${path} as auditor`, { tabs: false });
    }
    expectNoFindings(6);
  });

  it('as unit_admin and unit_member, with dialogs open', async () => {
    await signIn('yichun.huang@ntnu.example');
    const system = await firstId('/systems?page=1&pageSize=1');
    const host = await firstId('/hosts?page=1&pageSize=1');
    await scan('/todo as unit_admin');
    for (const path of [
      '/calendar',
      '/dashboard',
      '/contracts',
      '/systems',
      `/systems/${system}`,
      '/hosts',
      `/hosts/${host}`,
      '/allocations',
      '/vendors',
      '/scans',
      '/pentests',
      '/agreements',
      '/users',
      '/imports',
    ]) {
      await visit(path, `${path} as unit_admin`);
    }
    // The same cards as the ministry's, but for the unit's own account.
    await visit('/account', '/account as unit_admin', { tabs: false });
    await navigate('/hosts');
    await scanDialog(`/hosts (dialog ${zhHosts.hosts.create}) as unit_admin`, toolbarButton(zhHosts.hosts.create));
    await navigate('/vendors');
    await scanDialog(
      `/vendors (dialog ${zhVendors.vendors.create}) as unit_admin`,
      toolbarButton(zhVendors.vendors.create),
    );

    await signIn('peishan.tsai@ntnu.example');
    await scan('/todo as unit_member');
    for (const path of ['/dashboard', '/systems', `/systems/${system}`, '/agreements', '/agreements/my']) {
      await visit(path, `${path} as unit_member`, { tabs: false });
    }
    expectNoFindings(20);
  });
});
