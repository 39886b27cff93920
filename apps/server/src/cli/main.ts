import { Command } from 'commander';
import { ZodError } from 'zod';
import { APP_VERSION, errorMessage } from '@custodian/shared';
import { ConfigError } from '../config.js';
import { DataDirLockedError } from '../db/client.js';
import { AppError } from '../errors.js';
import { CliError } from './cli-error.js';
import { registerCommands } from './commands.js';

const program = new Command();
program.name('custodian').description('Custodian 資訊安全管理平台 command-line tool').version(APP_VERSION);
registerCommands(program);

/** Exit codes: 1 for a refused or failed command, 2 for configuration and a locked data directory. */
try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  if (err instanceof AppError) {
    const details = err.details ? ` ${JSON.stringify(err.details)}` : '';
    process.stderr.write(
      `Error ${err.code}: ${errorMessage(err.code, 'zh-TW')} ${errorMessage(err.code, 'en')}${details}\n`,
    );
    process.exit(1);
  }
  if (err instanceof ZodError) {
    const issues = err.issues.map((i) => `  - ${i.path.join('.') || '(input)'}: ${i.message}`).join('\n');
    process.stderr.write(`Invalid input 輸入資料有誤:\n${issues}\n`);
    process.exit(1);
  }
  if (err instanceof CliError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  throw err;
}
