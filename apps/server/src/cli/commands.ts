import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { describeStart, openRuntime, startServer } from '../server.js';
import { registerAdminCommands } from './admin-commands.js';
import { registerAuditCommands } from './audit-commands.js';
import { registerDataCommands } from './data-commands.js';
import { registerScanCommands } from './scan-commands.js';

/** Registers every sub-command. Each command calls the same services as the API. */
export function registerCommands(program: Command): void {
  program
    .command('serve')
    .description('Run migrations and serve the API and web app')
    .action(async () => {
      const app = await startServer(loadConfig());
      process.stdout.write(describeStart(app));
    });

  program
    .command('migrate')
    .description('Apply pending database migrations')
    .action(async () => {
      const runtime = await openRuntime(loadConfig());
      try {
        await runtime.db.migrate();
        process.stdout.write(`Migrations applied (${runtime.db.driver}).\n`);
      } finally {
        await runtime.db.close();
      }
    });

  registerAdminCommands(program);
  registerDataCommands(program);
  registerAuditCommands(program);
  registerScanCommands(program);
}
