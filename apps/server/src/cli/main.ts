import { Command } from 'commander';
import { APP_VERSION } from '@custodian/shared';
import { ConfigError } from '../config.js';
import { DataDirLockedError } from '../db/client.js';
import { AppError } from '../errors.js';
import { registerCommands } from './commands.js';

const program = new Command();
program.name('custodian').description('Custodian 資訊安全管理平台 command-line tool').version(APP_VERSION);
registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  if (err instanceof AppError) {
    process.stderr.write(`Error: ${err.code}\n`);
    process.exit(1);
  }
  throw err;
}
