// Builds what `npm start` serves: the shared package and the server (`tsc -b`, incremental),
// the server's one-file bundle (scripts/bundle-server.mjs, ADR 0024) and the web app (Vite,
// with precompressed assets). With `--if-changed` it does nothing
// when the inputs are the ones of the last successful build and its outputs exist, which
// makes a second `npm start` on unchanged sources skip the build (issue 11, defect 13).
//
// The inputs are every file below the source folders plus the configuration and the
// lockfile, stamped by path, size and modification time (a touched file counts as changed;
// reading every file's content would cost more than it saves). The stamp is written only
// after a build succeeded, from the inputs as they were when it started.
//
// Usage: node scripts/build.mjs [--if-changed]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = join(ROOT, 'node_modules', '.cache', 'custodian', 'build-inputs.json');

/** Folders and files whose change needs a new build. */
const INPUTS = [
  'package-lock.json',
  'tsconfig.base.json',
  'packages/shared/package.json',
  'packages/shared/tsconfig.json',
  'packages/shared/src',
  'apps/server/package.json',
  'apps/server/tsconfig.json',
  'apps/server/src',
  'apps/web/package.json',
  'apps/web/tsconfig.json',
  'apps/web/vite.config.ts',
  'apps/web/index.html',
  'apps/web/public',
  'apps/web/src',
  'scripts/bundle-server.mjs',
];

/** What a build leaves behind; a missing one forces a build whatever the stamp says. */
const OUTPUTS = [
  'packages/shared/dist/index.js',
  'apps/server/dist/cli/main.js',
  'apps/server/dist/bundle/custodian.mjs',
  'apps/web/dist/index.html',
];

function collect(path, lines) {
  const absolute = join(ROOT, path);
  if (!existsSync(absolute)) {
    lines.push(`${path} missing`);
    return;
  }
  const stat = statSync(absolute);
  if (!stat.isDirectory()) {
    lines.push(`${path} ${stat.size} ${stat.mtimeMs}`);
    return;
  }
  for (const entry of readdirSync(absolute, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    collect(relative(ROOT, join(absolute, entry.name)), lines);
  }
}

/** One hash of every input's path, size and modification time. */
export function inputsHash() {
  const lines = [];
  for (const input of INPUTS) {
    collect(input, lines);
  }
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

function readStamp() {
  try {
    return JSON.parse(readFileSync(STAMP, 'utf8')).inputs;
  } catch {
    return undefined;
  }
}

function step(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
}

const ifChanged = process.argv.includes('--if-changed');
const hash = inputsHash();
if (ifChanged && readStamp() === hash && OUTPUTS.every((output) => existsSync(join(ROOT, output)))) {
  process.exit(0);
}
step(process.execPath, [
  join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
  '-b',
  'packages/shared',
  'apps/server',
]);
// After tsc: the bundle is made from apps/server/dist, and bin/custodian.mjs runs it only
// when it is newer than the last compile.
// Imported here, so that `--if-changed` with nothing to build does not load esbuild.
const { bundleServer } = await import('./bundle-server.mjs');
await bundleServer();
step('npm', ['run', 'build', '--silent', '-w', '@custodian/web']);
mkdirSync(dirname(STAMP), { recursive: true });
writeFileSync(STAMP, JSON.stringify({ inputs: hash }) + '\n');
