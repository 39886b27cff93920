/**
 * Browser-test harness: starts the real built server on a fresh data directory and a
 * free loopback port, and drives Debian's Chromium through playwright-core.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { cp, mkdtemp, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { generate } from 'otplib';
import zh from '../apps/web/src/locales/zh-TW.json' with { type: 'json' };
import zhObligations from '../apps/web/src/locales/zh-TW/obligations.json' with { type: 'json' };

const ROOT = resolve(import.meta.dirname, '..');
export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export type E2eServer = {
  url: string;
  dataDir: string;
  logs: () => string;
  /** How far the server's clock runs ahead of this process (CUSTODIAN_TEST_NOW), in ms; TOTP codes follow it. */
  clockOffsetMs: number;
  /** Stops the server and removes its data, unless `keepData` (to start again on it, e.g. at a later instant). */
  stop: (options?: { keepData?: boolean }) => Promise<void>;
};

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, logs: () => string): Promise<void> {
  // E2E_START_TIMEOUT_MS lets a run on a busy machine wait longer for the server.
  const deadline = Date.now() + Number(process.env.E2E_START_TIMEOUT_MS ?? 90_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`server exited with ${child.exitCode}:\n${logs()}`);
    }
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not become healthy:\n${logs()}`);
}

/**
 * A data directory on which `custodian migrate` has run, made once and copied for each
 * server: creating a PGlite cluster and migrating it takes about half of a fresh server's
 * start (7 of 14 s here). Its name carries a hash of what the migration writes (the
 * database code with its migrations, the shared rules and the PGlite version), so a change makes
 * a new one. The copy shares the template's encryption key, which is all a test server needs.
 */
export async function migratedDataDir(): Promise<string> {
  const hash = createHash('sha256');
  const inputs = ['apps/server/src/db', 'packages/shared/src'];
  for (const dir of inputs) {
    for (const name of (await readdir(join(ROOT, dir), { recursive: true })).sort()) {
      const path = join(ROOT, dir, name);
      if ((await stat(path)).isFile()) {
        hash.update(`${dir}/${name}`).update(await readFile(path));
      }
    }
  }
  hash.update(await readFile(join(ROOT, 'node_modules/@electric-sql/pglite/package.json')));
  const template = join(tmpdir(), `custodian-e2e-data-${hash.digest('hex').slice(0, 16)}`);
  const made = await stat(template).then(
    () => true,
    () => false,
  );
  if (!made) {
    // Made aside and renamed, so a concurrent run never copies half a template.
    const partial = `${template}.${randomUUID()}`;
    await promisify(execFile)(process.execPath, [join(ROOT, 'apps/server/bin/custodian.mjs'), 'migrate'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: partial, DATABASE_URL: '', ENCRYPTION_KEY: '', LOG_LEVEL: 'warn' },
    });
    await rename(partial, template).catch(() => rm(partial, { recursive: true, force: true }));
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'custodian-e2e-'));
  await cp(template, dataDir, { recursive: true });
  return dataDir;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts `custodian serve` on a fresh DATA_DIR (or on `options.dataDir`, the data of a
 * server stopped with `keepData`); `stop()` kills it and removes the data.
 */
export async function startServer(
  extraEnv: Record<string, string> = {},
  options: { dataDir?: string } = {},
): Promise<E2eServer> {
  const dataDir = options.dataDir ?? (await migratedDataDir());
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // The server starts its clock at CUSTODIAN_TEST_NOW and lets it run (lib/clock.ts#startedClock).
  const testNow = extraEnv.CUSTODIAN_TEST_NOW;
  const clockOffsetMs = testNow ? Date.parse(testNow) - Date.now() : 0;
  const child = spawn(process.execPath, [join(ROOT, 'apps/server/bin/custodian.mjs'), 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      LOG_LEVEL: 'warn',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const logs = () => output;
  try {
    await waitForHealth(url, child, logs);
  } catch (error) {
    await stopChild(child);
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    dataDir,
    logs,
    clockOffsetMs,
    stop: async (stopOptions = {}) => {
      await stopChild(child);
      if (!stopOptions.keepData) {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}

export type E2eBrowser = {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors, excluding failed-request noise (expected 401s). */
  errors: string[];
  /** Content-Security-Policy violations reported by Chromium. */
  cspViolations: string[];
  close: () => Promise<void>;
};

/** Launches headless Chromium with a throw-away profile. */
export async function launchBrowser(options: { locale?: string } = {}): Promise<E2eBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'custodian-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale: options.locale ?? 'zh-TW',
    timezoneId: 'Asia/Taipei',
    viewport: { width: 1366, height: 860 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (text.includes('Content Security Policy')) {
      cspViolations.push(text);
    } else if (message.type() === 'error' && !text.startsWith('Failed to load resource')) {
      errors.push(text);
    }
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.setDefaultTimeout(15_000);
  return {
    context,
    page,
    errors,
    cspViolations,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot to test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  // Let antd's enter animations finish so the picture shows the settled page.
  await page.waitForTimeout(400);
  await page.screenshot({ path, fullPage: true });
  return path;
}

const PERIOD = 30;

/**
 * A TOTP code for a time step after `afterStep` (the server refuses replays). The server
 * accepts one step of clock drift, so the next step's code works without waiting.
 */
export async function totpAfter(
  secret: string,
  afterStep: number | null,
  clockOffsetMs = 0,
): Promise<{ code: string; step: number }> {
  // The code is checked against the server's clock, which may run ahead (CUSTODIAN_TEST_NOW).
  const serverNow = () => Date.now() + clockOffsetMs;
  const nowStep = Math.floor(serverNow() / 1000 / PERIOD);
  let step = afterStep === null ? nowStep : Math.max(nowStep, afterStep + 1);
  if (step > nowStep + 1) {
    await new Promise((r) => setTimeout(r, ((step - 1) * PERIOD + 1) * 1000 - serverNow()));
    step = Math.max(step, Math.floor(serverNow() / 1000 / PERIOD));
  }
  const code = await generate({ secret, epoch: step * PERIOD });
  return { code, step };
}

export type ApiCall = <T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) => Promise<T>;
export type BootstrappedAdmin = {
  email: string;
  password: string;
  name: string;
  secret: string;
  lastStep: number;
  /** Calls the API with the admin's own (cookie) session, outside the browser. */
  api: ApiCall;
};

/**
 * First-run setup and MFA enrolment through the API (not the UI), for test files that
 * need a signed-up ministry_admin but test something else.
 */
export async function bootstrapAdmin(server: E2eServer): Promise<BootstrappedAdmin> {
  const admin = { email: 'admin@moe.example.tw', password: 'Bootstrap-Lantern-2026!', name: '王管理' };
  let cookie = '';
  let csrf = '';
  const api: ApiCall = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const hasBody = method !== 'GET' && method !== 'DELETE';
    const response = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: {
        ...(hasBody ? { 'content-type': 'application/json' } : {}),
        ...(cookie ? { cookie } : {}),
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
      },
      body: hasBody ? JSON.stringify(body ?? {}) : undefined,
    });
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('custodian_session='));
    if (setCookie) {
      cookie = setCookie.split(';')[0] ?? '';
    }
    if (!response.ok) {
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    }
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  };
  csrf = (await api<{ csrfToken: string }>('POST', '/setup', { ...admin, ministryName: '教育部' })).csrfToken;
  const { secret } = await api<{ secret: string }>('POST', '/account/mfa/setup');
  const totp = await totpAfter(secret, null);
  await api('POST', '/account/mfa/confirm', { code: totp.code });
  // Enrolment may rotate the session, and with it the CSRF token.
  csrf = (await api<{ csrfToken: string }>('GET', '/auth/session')).csrfToken;
  return { ...admin, secret, lastStep: totp.step, api };
}

/**
 * Signs the bootstrapped admin in through the zh-TW login page (password, then a fresh TOTP
 * code) and waits for the to-do list, the first page after sign-in. Remembers the TOTP step so a later sign-in in the same
 * file does not replay it.
 */
export async function signInAsAdmin(page: Page, server: E2eServer, admin: BootstrappedAdmin): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByLabel(zh.login.email).fill(admin.email);
  await page.getByLabel(zh.login.password).fill(admin.password);
  await page.getByLabel(zh.login.password).press('Enter');
  await page.getByRole('heading', { name: zh.login.mfaTitle }).waitFor();
  const totp = await totpAfter(admin.secret, admin.lastStep, server.clockOffsetMs);
  await page.getByLabel(zh.login.code, { exact: true }).fill(totp.code);
  await page.getByLabel(zh.login.code, { exact: true }).press('Enter');
  await page.getByRole('heading', { name: zhObligations.obligations.todo.title }).waitFor();
  admin.lastStep = totp.step;
}

/** A locale string with its i18next placeholders filled in: `{{name}}` → values.name. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key]));
}

/**
 * Picks an option of an open antd select by its text, and waits until the choice shows in
 * the select (its title) and the list has closed: a click that lands while the list is
 * still opening would otherwise leave it open over the next field.
 */
export async function pickOption(page: Page, select: Locator, option: string, shown = option): Promise<void> {
  await page.locator('.ant-select-item-option', { hasText: option }).first().click();
  const field = select.locator('xpath=ancestor::div[contains(@class, "ant-select ")][1]');
  try {
    await field.getByTitle(shown, { exact: false }).waitFor({ timeout: 5_000 });
  } catch {
    await select.click();
    await page.locator('.ant-select-item-option', { hasText: option }).first().click();
    await field.getByTitle(shown, { exact: false }).waitFor();
  }
  // Every open dropdown closed: another select's may still be animating out, so not one locator.
  await page.waitForFunction(
    () =>
      (
        globalThis as unknown as { document: { querySelectorAll: (s: string) => { length: number } } }
      ).document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').length === 0,
  );
}
