import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const conditions = ['development'];

/**
 * Server test files that replace modules (vi.mock) or fake the system clock: they run in a
 * fresh process each, as vitest does by default, because the other server files share a
 * worker's modules (isolate: false). A new file doing either belongs here
 * (apps/server/src/test/test-isolation.unit.test.ts checks).
 */
const NEEDS_OWN_PROCESS = [
  'apps/server/src/modules/policy/policy.sections.test.ts',
  'apps/server/src/modules/auth/login.test.ts',
];

/**
 * The slowest files (by their durations in CI), started first so that none of them is left
 * running alone at the end. Vitest orders by the last run's durations when it has them, which
 * a clean clone does not.
 */
const SLOW_FIRST = [
  'apps/server/src/cli/cli.test.ts',
  'apps/server/src/server.test.ts',
  'apps/server/src/modules/notifications/notifications.test.ts',
  'apps/server/src/db/client.test.ts',
  'apps/server/src/test/authorization-matrix.test.ts',
  'apps/server/src/lib/jobs-runner.test.ts',
];

class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const index = SLOW_FIRST.findIndex((slow) => file.moduleId.endsWith(slow));
      return index === -1 ? SLOW_FIRST.length : index;
    };
    return sorted
      .map((file, index) => ({ file, index }))
      .sort((a, b) => rank(a.file) - rank(b.file) || a.index - b.index)
      .map(({ file }) => file);
  }
}

export default defineConfig({
  resolve: { conditions: [...conditions, 'module', 'node', 'import', 'default'] },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    sequence: { sequencer: SlowFirstSequencer },
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'packages/shared/src/**/*.test.ts',
            'apps/server/src/**/*.unit.test.ts',
            'apps/web/src/**/*.test.ts',
          ],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['apps/server/src/**/*.test.ts'],
          exclude: ['apps/server/src/**/*.unit.test.ts', ...NEEDS_OWN_PROCESS],
          environment: 'node',
          setupFiles: ['apps/server/src/test/setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // A worker keeps its modules from one test file to the next: loading the app's
          // module graph is most of a server test file's cost (about 5 s each, more on
          // Node 24), and the tests share no state through modules (ADR 0023).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'server-isolated',
          include: NEEDS_OWN_PROCESS,
          environment: 'node',
          setupFiles: ['apps/server/src/test/setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Each file starts its own server on its own data directory and port, and its own
          // browser, so two files can run side by side: about 400 s instead of 560 s for the
          // whole tier on two cores. More would starve the servers of CPU.
          maxWorkers: 2,
        },
      },
    ],
  },
});
