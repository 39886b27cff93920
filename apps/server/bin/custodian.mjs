#!/usr/bin/env node
// Entry point for `npx custodian`. Runs the compiled CLI when it has been built
// (`npm run build`); otherwise runs the TypeScript sources through tsx, so that the
// CLI works straight after `npm ci`.
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'dist', 'cli', 'main.js');
const sharedCompiled = join(root, '..', '..', 'packages', 'shared', 'dist', 'index.js');

if (existsSync(compiled) && existsSync(sharedCompiled)) {
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
