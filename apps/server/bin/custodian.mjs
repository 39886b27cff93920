#!/usr/bin/env node
// Entry point for `npx custodian`. Runs the compiled CLI when a build exists and is
// newer than every source file (`npm run build`); otherwise runs the TypeScript sources
// through tsx, so the CLI works straight after `npm ci` and never runs a stale build.
// Of a fresh build it runs the one-file bundle (scripts/bundle-server.mjs, ADR 0024) when
// that was made from this build and lockfile, else the compiled files.
import { existsSync, readdirSync, statSync } from 'node:fs';
import module from 'node:module';
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sharedRoot = join(root, '..', '..', 'packages', 'shared');
const compiled = join(root, 'dist', 'cli', 'main.js');
const sharedCompiled = join(sharedRoot, 'dist', 'index.js');
const bundle = join(root, 'dist', 'bundle', 'custodian.mjs');
/** The packages the bundle holds are those of the lockfile at its build (scripts/build.mjs rebuilds on a change). */
const lockfile = join(root, '..', '..', 'package-lock.json');

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

/** The bundle is written after `tsc -b`; a later compile or another lockfile makes it stale. */
function isBundleFresh() {
  if (!existsSync(bundle)) {
    return false;
  }
  const made = statSync(bundle).mtimeMs;
  const inputs = [...projects.map((dir) => join(dir, 'tsconfig.tsbuildinfo')), lockfile].filter((path) =>
    existsSync(path),
  );
  return inputs.every((path) => statSync(path).mtimeMs <= made);
}

if (isBuildFresh()) {
  // V8's compiled code of the modules is kept on disk and reused by the next start; Node.js
  // checks each entry against the module's source. NODE_DISABLE_COMPILE_CACHE=1 turns it off.
  module.enableCompileCache?.(join(root, '..', '..', 'node_modules', '.cache', 'custodian', 'compile-cache'));
  await import(pathToFileURL(isBundleFresh() ? bundle : compiled).href);
  // Written now, after start-up (for `serve`, once it listens), not only when the process exits.
  module.flushCompileCache?.();
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
