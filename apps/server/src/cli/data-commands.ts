import type { Command } from 'commander';
import { systemContext } from '../lib/context.js';
import { createBackup } from '../modules/backup/backup.service.js';
import type { SignatureCheck } from '../modules/backup/backup.keys.js';
import { restoreBackup } from '../modules/backup/backup.restore.js';
import { seedDemo } from '../modules/seed/seed.service.js';
import { CliError } from './cli-error.js';
import { say, withRuntime, type CliRuntime } from './runtime.js';

function backupDeps(rt: CliRuntime) {
  return { ...rt.deps, migrate: () => rt.handle.migrate() };
}

/** Says plainly how far the restored backup can be trusted. */
function describeSignature(signature: SignatureCheck): void {
  switch (signature) {
    case 'verified':
      say('  Manifest signature verified with the current encryption key.');
      return;
    case 'included_key':
      process.stderr.write(
        'NOTE: the signature was checked with the encryption key carried inside the backup. That shows the file is\n' +
          'intact, not who made it: whoever can change the file can also replace the key in it.\n' +
          '注意：簽章係以備份檔內附的金鑰驗證，只能證明檔案完整，無法證明來源。\n',
      );
      return;
    case 'unchecked':
      process.stderr.write(
        'WARNING: the backup was made with another encryption key, so its signature could NOT be checked.\n' +
          'Its content may have been altered; verify it by other means before relying on it.\n' +
          '警告：備份檔係以其他金鑰製作，無法驗證簽章，內容可能遭竄改。\n',
      );
      return;
  }
}

/** `custodian seed --demo`, `custodian backup FILE` and `custodian restore FILE`. */
export function registerDataCommands(program: Command): void {
  program
    .command('seed')
    .description('Fill an empty database with data')
    .option(
      '--demo',
      'the demo data set: the Ministry, divisions, 3 units, vendors, users of every role, and a registry of contracts, systems, hosts, contacts, allocations and vendor qualifications',
    )
    .action(async (opts: { demo?: boolean }) => {
      if (!opts.demo) {
        throw new CliError('Nothing to seed: use `custodian seed --demo`.');
      }
      await withRuntime(async ({ deps }) => {
        const result = await seedDemo(deps, { ctx: systemContext('cli', deps.clock.now()) });
        const r = result.registry;
        say(`Demo data created: ${result.organisations} organisations, ${result.accounts.length} accounts.`);
        say(
          `Registry 登錄資料: contracts ${r.contracts} (risk assessments ${r.riskAssessments}), systems ${r.systems}, ` +
            `hosts ${r.hosts}, contacts ${r.contacts}, allocations ${r.allocations} ` +
            `(renewal requests ${r.renewalRequests}), vendor qualifications ${r.qualifications}.`,
        );
        say('');
        say('Demo accounts 示範帳號 (role / e-mail / name / organisation):');
        for (const a of result.accounts) {
          say(`  ${a.role.padEnd(15)} ${a.email.padEnd(32)} ${a.name}  ${a.orgName}  — ${a.note}`);
        }
        say('');
        say(`Password for every demo account 所有示範帳號的密碼: ${result.password}`);
        say('It is shown only once. Ministry roles enrol TOTP at first sign-in.');
      });
    });

  program
    .command('backup <file>')
    .description('Write a consistent snapshot of the database and files to a .tar.gz')
    .option('--include-key', 'also store the encryption key (the file is then as secret as the key)')
    .action(async (file: string, opts: { includeKey?: boolean }) => {
      await withRuntime(async (rt) => {
        const summary = await createBackup(backupDeps(rt), systemContext('cli', rt.deps.clock.now()), {
          file,
          includeKey: opts.includeKey ?? false,
        });
        const rows = summary.tables.reduce((n, t) => n + t.rows, 0);
        say(`Backup written to ${summary.file} (${summary.bytes} bytes).`);
        say(`  ${summary.tables.length} tables, ${rows} rows, ${summary.files} files.`);
        say(
          summary.checkpointSeq === null
            ? '  The manifest is signed; the audit trail is empty.'
            : `  The manifest is signed and holds the audit checkpoint at seq ${summary.checkpointSeq}.`,
        );
        if (summary.anchorProblem) {
          process.stderr.write(`WARNING: ${summary.anchorProblem}. 警告：無法寫入稽核檢查點。\n`);
        }
        if (summary.includesKey) {
          process.stderr.write(
            'WARNING: the encryption key is inside this backup. Keep the file as secret as the key itself.\n' +
              '警告：此備份檔包含加密金鑰，請比照金鑰妥善保管。\n',
          );
        }
      });
    });

  program
    .command('restore <file>')
    .description('Restore a backup into an empty database (checks its signature and every checksum first)')
    .option('--force', 'replace the data of a database that already has accounts')
    .option('--ignore-key-mismatch', 'restore although the backup was made with another encryption key')
    .action(async (file: string, opts: { force?: boolean; ignoreKeyMismatch?: boolean }) => {
      await withRuntime(
        async (rt) => {
          const summary = await restoreBackup(backupDeps(rt), systemContext('cli', rt.deps.clock.now()), {
            file,
            force: opts.force ?? false,
            ignoreKeyMismatch: opts.ignoreKeyMismatch ?? false,
          });
          const rows = summary.tables.reduce((n, t) => n + t.rows, 0);
          say(`Restored the backup of ${summary.createdAt} (Custodian ${summary.appVersion}).`);
          say(`  ${summary.tables.length} tables, ${rows} rows, ${summary.files} files; row counts checked.`);
          if (summary.keyInstalled) {
            say('  The encryption key from the backup was installed in the data directory.');
          }
          describeSignature(summary.signature);
          if (summary.checkpointSeq !== null) {
            say(`  Audit checkpoint written for the restored trail at seq ${summary.checkpointSeq}.`);
          }
          if (summary.checkpointError) {
            process.stderr.write(
              `WARNING: no audit checkpoint could be stored: ${summary.checkpointError}. 警告：無法寫入稽核檢查點。\n`,
            );
          }
        },
        { migrate: false },
      );
    });
}
