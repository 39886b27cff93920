// Checks that the authorization matrix catches what it claims to catch (issue 7): each
// mutant below is a deliberate tenancy breakage applied to the source in place; the matrix
// must then FAIL. The file is restored byte for byte afterwards (also on Ctrl-C), and the
// matrix must pass on the restored code.
//
// Usage: npm run test:matrix-mutants [-- --only NAME[,NAME]]
// TEST_DATABASE_URL is passed through, so the same check runs on PostgreSQL.
import { spawn } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const MATRIX_TEST = 'apps/server/src/test/authorization-matrix.test.ts';
const TENANCY = 'apps/server/src/lib/tenancy.ts';

/** Each mutant replaces `from` (which must occur exactly once) by `to` in `file`. */
const MUTANTS = [
  {
    name: 'out-of-scope-403',
    what: 'assertInScope answers 403 FORBIDDEN instead of 404 NOT_FOUND outside the caller’s scope',
    file: TENANCY,
    from: "  if (!isInScope(scope, orgId)) {\n    throw new AppError('NOT_FOUND');",
    to: "  if (!isInScope(scope, orgId)) {\n    throw new AppError('FORBIDDEN');",
  },
  {
    name: 'contract-out-of-scope-403',
    what: 'assertCanManageContract answers 403 FORBIDDEN instead of 404 NOT_FOUND on a contract the caller cannot read',
    file: 'apps/server/src/modules/contracts/contracts.tenancy.ts',
    from: "  if (!canReadContract(scope, contract)) {\n    throw new AppError('NOT_FOUND');",
    to: "  if (!canReadContract(scope, contract)) {\n    throw new AppError('FORBIDDEN');",
  },
  {
    name: 'auditor-sees-all',
    what: 'resolveOrgScope gives an auditor every organisation instead of the assigned ones',
    file: TENANCY,
    from: "    case 'auditor':\n      return { kind: 'orgs', orgIds: await withChildren(db, actor.scopeOrgIds) };",
    to: "    case 'auditor':\n      return { kind: 'all' };",
  },
  {
    name: 'owner-sees-all',
    what: 'resolveOrgScope gives a ministry_owner every organisation instead of the supervised ones',
    file: TENANCY,
    from: "    case 'ministry_owner':\n      // Their own division",
    to: "    case 'ministry_owner':\n      return { kind: 'all' };\n      // Their own division",
  },
];

/** Runs the matrix; returns the vitest JSON report's counts and failing test names. */
async function runMatrix(label) {
  const outputFile = join(tmpdir(), `matrix-mutants-${process.pid}-${label}.json`);
  const args = ['vitest', 'run', '--project', 'server', MATRIX_TEST, '--reporter=json', `--outputFile=${outputFile}`];
  const started = Date.now();
  const code = await new Promise((resolve) => {
    const child = spawn('npx', args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('close', (status) => resolve(status ?? 1));
  });
  const seconds = Math.round((Date.now() - started) / 1000);
  let report;
  try {
    report = JSON.parse(await readFile(outputFile, 'utf8'));
  } catch {
    return { code, seconds, failed: NaN, passed: NaN, total: NaN, failures: [] };
  } finally {
    await rm(outputFile, { force: true });
  }
  // Each failure as its route (the innermost describe) and its probe (the test's title).
  const failures = report.testResults.flatMap((file) =>
    file.assertionResults
      .filter((a) => a.status === 'failed')
      .map((a) => ({ route: a.ancestorTitles.at(-1) ?? '', probe: a.title })),
  );
  return {
    code,
    seconds,
    failed: report.numFailedTests,
    passed: report.numPassedTests,
    total: report.numTotalTests,
    failures,
  };
}

/** Restores mutated files, at most once each; registered for signals as well. */
const pending = new Map();
async function restoreAll() {
  for (const [file, original] of pending) {
    await writeFile(file, original);
    pending.delete(file);
  }
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    restoreAll().finally(() => process.exit(130));
  });
}

/** Counts failures by probe, over all routes. */
function summarise(failures) {
  const byProbe = new Map();
  for (const { probe } of failures) {
    byProbe.set(probe, (byProbe.get(probe) ?? 0) + 1);
  }
  return [...byProbe].sort((a, b) => b[1] - a[1]);
}

const { values } = parseArgs({ options: { only: { type: 'string' } } });
const only = values.only?.split(',');
const chosen = only ? MUTANTS.filter((m) => only.includes(m.name)) : MUTANTS;
if (chosen.length === 0) {
  console.error(`no mutant named ${values.only}; known: ${MUTANTS.map((m) => m.name).join(', ')}`);
  process.exit(2);
}

const db = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const results = [];
for (const mutant of chosen) {
  const original = await readFile(mutant.file, 'utf8');
  if (original.split(mutant.from).length !== 2) {
    console.error(`${mutant.name}: the text to mutate is not found exactly once in ${mutant.file}; update the mutant`);
    process.exit(2);
  }
  let result;
  try {
    pending.set(mutant.file, original);
    await writeFile(mutant.file, original.replace(mutant.from, mutant.to));
    console.log(`mutant ${mutant.name}: ${mutant.what}`);
    result = await runMatrix(mutant.name);
  } finally {
    await restoreAll();
  }
  if ((await readFile(mutant.file, 'utf8')) !== original) {
    console.error(`${mutant.file} was not restored`);
    process.exit(2);
  }
  const caught = result.failed > 0;
  results.push({ name: mutant.name, caught, ...result });
  console.log(
    `  ${caught ? 'caught' : 'NOT CAUGHT'}: ${result.failed} of ${result.total} matrix tests failed (${result.seconds} s)`,
  );
  for (const [probe, n] of summarise(result.failures).slice(0, 8)) {
    console.log(`    ${String(n).padStart(3)} × ${probe}`);
  }
  const routes = [...new Set(result.failures.map((f) => f.route))];
  console.log(`    on ${routes.length} routes: ${routes.join(', ')}`);
}

console.log('unmutated code:');
const clean = await runMatrix('clean');
console.log(
  `  ${clean.code === 0 && clean.failed === 0 ? 'passes' : 'FAILS'}: ${clean.passed} of ${clean.total} passed (${clean.seconds} s)`,
);

console.log(`\nmatrix mutants on ${db}:`);
for (const r of results) {
  console.log(`  ${r.name.padEnd(28)} ${r.caught ? 'caught' : 'NOT CAUGHT'}  ${r.failed}/${r.total} failed`);
}
console.log(
  `  ${'(unmutated)'.padEnd(28)} ${clean.failed === 0 && clean.code === 0 ? 'passes' : 'FAILS'}  ${clean.failed}/${clean.total} failed`,
);
const ok = results.every((r) => r.caught) && clean.code === 0 && clean.failed === 0;
process.exit(ok ? 0 : 1);
