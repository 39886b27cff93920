import type { Command } from 'commander';
import { systemContext } from '../lib/context.js';
import { pruneAuditEvents } from '../modules/audit/audit.retention.js';
import { verifyAuditChain } from '../modules/audit/audit.verify.js';
import { say, withRuntime } from './runtime.js';

/** `custodian audit verify` (exit 1 when the chain is broken) and `custodian audit prune`. */
export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('Audit trail');
  audit
    .command('verify')
    .description('Recompute the hash chain; exit code 1 and the first bad seq when tampered')
    .action(async () => {
      await withRuntime(async ({ deps }) => {
        const result = await verifyAuditChain(deps, systemContext('cli'));
        const from = result.anchorSeq === null ? 'the start' : `anchor seq ${result.anchorSeq}`;
        if (result.ok) {
          say(`OK: ${result.checked} audit events verified from ${from}. 稽核軌跡完整。`);
          return;
        }
        say(
          `TAMPERED: audit event seq ${result.firstBadSeq} fails (${result.problem}) after ${result.checked} good events from ${from}. 稽核軌跡遭竄改。`,
        );
        process.exitCode = 1;
      });
    });
  audit
    .command('prune')
    .description('Delete audit events older than AUDIT_RETENTION_MONTHS, keeping the chain verifiable')
    .action(async () => {
      await withRuntime(async ({ deps }) => {
        const result = await pruneAuditEvents(deps, { ctx: systemContext('cli') });
        say(
          result.pruned > 0
            ? `Pruned ${result.pruned} audit events before ${result.cutoff}; the chain now starts after seq ${result.anchorSeq}.`
            : `Nothing to prune: no audit events before ${result.cutoff}.`,
        );
      });
    });
}
