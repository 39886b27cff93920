import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const CLOCK_MESSAGE =
  'Read the time from the clock (ADR 0014): ctx.now, deps.clock.now() or a `now` argument on the server; ' +
  'now() / today() from apps/web/src/lib/clock.ts in the web app. Tests, e2e, bench and scripts are exempt.';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'data/**',
      'apps/server/src/db/migrations/**',
      'test-results/**',
      'bench/results/**',
      'apps/web/src/api/schema.gen.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      curly: ['error', 'all'],
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  {
    // Rules that need type information: every TypeScript file belongs to one of these projects.
    files: ['**/*.{ts,tsx}'],
    ignores: ['vitest.config.ts', 'apps/web/vite.config.ts', 'apps/server/drizzle.config.ts'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.test.json', './apps/web/tsconfig.json', './tsconfig.web-test.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
    },
  },
  {
    // Import boundaries between modules (ADR 0018): a module reaches another module through
    // its services (and its .sql/.access/.presenter helpers), never through its repository.
    // Inside a module, imports are `./x`; `../<other>/x.repository` is always another module's.
    files: ['apps/server/src/modules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'date-fns',
              message:
                "Import each function from its own path (date-fns/addDays): Node 24 re-reads date-fns's package.json for every file it loads, and the whole library costs seconds of start-up (ADR 0023).",
            },
          ],
          patterns: [
            {
              group: ['date-fns/format', 'date-fns/parse'],
              message:
                'date-fns/format and date-fns/parse load the locale and parser tables (about 80 files); use formatISO / parseISO for ISO dates (ADR 0023).',
            },
            {
              regex: '^(\\.\\./)+(modules/)?[^/]+/[^/]*\\.repository(\\.js)?$',
              message:
                "Another module's repository: call that module's service instead (ADR 0018, services are the only writers of their tables).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['bench/**', 'scripts/**', 'e2e/**', '**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
  {
    // One clock (ADR 0014): production code never reads the system time itself.
    files: ['**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: CLOCK_MESSAGE },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: CLOCK_MESSAGE },
        { selector: "CallExpression[callee.name='dayjs'][arguments.length=0]", message: CLOCK_MESSAGE },
      ],
    },
  },
  {
    // The clocks themselves, and code that is not the app: tests, browser tests, benchmarks, scripts.
    files: [
      'apps/server/src/lib/clock.ts',
      'apps/web/src/lib/clock.ts',
      '**/*.test.{ts,tsx}',
      '**/test/**',
      'e2e/**',
      'bench/**',
      'scripts/**',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
