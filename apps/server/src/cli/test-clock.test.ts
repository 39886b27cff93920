import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const MAIN = join(REPO, 'apps', 'server', 'src', 'cli', 'main.ts');

/**
 * A child process runs at another instant only through CUSTODIAN_TEST_NOW, and only when it
 * is a test process: the real `custodian serve` refuses the setting before it opens anything.
 * (The job runner's two-process test starts processes with it on purpose.)
 */
describe('the test clock setting in a real start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'custodian-test-now-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops a production start with a readable configuration error', { timeout: 90_000 }, () => {
    const child = spawnSync(process.execPath, ['--conditions=development', '--import', 'tsx', MAIN, 'serve'], {
      cwd: REPO,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        PORT: '0',
        NODE_ENV: 'production',
        CUSTODIAN_TEST_NOW: '2027-01-01T00:00:00Z',
      },
      encoding: 'utf8',
      // A start that ignored the setting would serve until killed here.
      timeout: 60_000,
    });
    expect(child.status, child.stderr).toBe(2);
    expect(child.stderr).toContain('CUSTODIAN_TEST_NOW: is a test-only setting and is refused unless NODE_ENV=test');
  });
});
