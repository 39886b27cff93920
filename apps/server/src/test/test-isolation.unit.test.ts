import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * The server tests share a worker's modules from one file to the next (vitest.config.ts,
 * `isolate: false`, ADR 0023). A file that replaces a module or fakes the clock would leak
 * that into the next file, so such files must be listed in NEEDS_OWN_PROCESS, which runs
 * each in a process of its own.
 */
const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const SERVER_SRC = join(REPO, 'apps', 'server', 'src');
const LEAKY =
  /\bvi\.(mock|doMock|unmock|stubGlobal|stubEnv|resetModules|useFakeTimers|setSystemTime)\(|process\.env\.\w+\s*=[^=]|process\.chdir\(/;

function serverTestFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return serverTestFiles(path);
    }
    return entry.name.endsWith('.test.ts') && !entry.name.endsWith('.unit.test.ts') ? [path] : [];
  });
}

function ownProcessList(): string[] {
  const config = readFileSync(join(REPO, 'vitest.config.ts'), 'utf8');
  const list = /const NEEDS_OWN_PROCESS = \[([^\]]*)\]/.exec(config)?.[1] ?? '';
  return [...list.matchAll(/'([^']+)'/g)].map((m) => m[1] ?? '');
}

describe('server test isolation', () => {
  it('runs every file that mocks modules, fakes timers or sets the environment in its own process', () => {
    const own = new Set(ownProcessList());
    const leaky = serverTestFiles(SERVER_SRC)
      .filter((file) => LEAKY.test(readFileSync(file, 'utf8')))
      .map((file) => relative(REPO, file));
    expect(leaky.length).toBeGreaterThan(0);
    expect(leaky.filter((file) => !own.has(file))).toEqual([]);
  });

  it('lists only files that exist', () => {
    const all = new Set(serverTestFiles(SERVER_SRC).map((file) => relative(REPO, file)));
    const listed = ownProcessList();
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.filter((file) => !all.has(file))).toEqual([]);
  });
});
