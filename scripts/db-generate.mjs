// Generates a SQL migration from apps/server/src/db/schema with drizzle-kit.
// Usage: npm run db:generate [-- --name NAME]
import { spawnSync } from 'node:child_process';

const args = ['drizzle-kit', 'generate', '--config', 'drizzle.config.ts', ...process.argv.slice(2)];
const result = spawnSync('npx', args, { cwd: 'apps/server', stdio: 'inherit' });
process.exit(result.status ?? 1);
