#!/usr/bin/env node
// Entry point for `npx custodian`. Runs the compiled CLI when a build exists and is
// newer than every source file (`npm run build`); otherwise runs the TypeScript sources
// through tsx, so the CLI works straight after `npm ci` and never runs a stale build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sharedRoot = join(root, '..', '..', 'packages', 'shared');
const compiled = join(root, 'dist', 'cli', 'main.js');
const sharedCompiled = join(sharedRoot, 'dist', 'index.js');

/** Newest modification time of the .ts files below a directory. */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      newest = Math.max(newest, newestSource(path));
    } else if (entry.name.endsWith('.ts')) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

/** tsc -b rewrites each project's build-info file on every build that changes it. */
const projects = [root, sharedRoot];

function isBuildFresh() {
  if (!existsSync(compiled) || !existsSync(sharedCompiled)) {
    return false;
  }
  return projects.every((dir) => {
    const buildInfo = join(dir, 'tsconfig.tsbuildinfo');
    return existsSync(buildInfo) && newestSource(join(dir, 'src')) <= statSync(buildInfo).mtimeMs;
  });
}

if (isBuildFresh()) {
  await import(pathToFileURL(compiled).href);
} else {
  const child = spawn(
    process.execPath,
    ['--conditions=development', '--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}
