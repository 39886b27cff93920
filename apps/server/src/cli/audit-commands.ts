import type { Command } from 'commander';
import { systemContext } from '../lib/context.js';
import { anchorDirs } from '../modules/audit/audit.anchor-store.js';
import { describeRefusal, writeAuditCheckpoint } from '../modules/audit/audit.anchor.js';
import { pruneAuditEvents } from '../modules/audit/audit.retention.js';
import { verifyAuditChain, type AuditVerifyReport } from '../modules/audit/audit.verify.js';
import { say, withRuntime } from './runtime.js';

/** The lines `custodian audit verify` prints, the failures first. */
function describeVerification(result: AuditVerifyReport, dirs: string[]): string[] {
  const from = result.anchorSeq === null ? 'the start' : `anchor seq ${result.anchorSeq}`;
  const lines: string[] = [];
  const chainProblem = ['hash_mismatch', 'gap', 'prev_mismatch'].includes(result.problem ?? '');
  if (chainProblem) {
    lines.push(
      `TAMPERED: audit event seq ${result.firstBadSeq} fails (${result.problem}) after ${result.checked} good events from ${from}. 稽核軌跡遭竄改。`,
    );
  }
  if (result.tail && result.checkpoint) {
    const { from: first, to } = result.tail;
    const at = `checkpoint at seq ${result.checkpoint.seq} (${result.checkpoint.at})`;
    lines.push(
      result.problem === 'events_replaced'
        ? `TAMPERED: events ${first}–${to} do not match the ${at}; they were deleted and replaced. 第 ${first}–${to} 筆事件與檢查點不符，已遭刪除後重寫。`
        : `TAMPERED: events ${first}–${to} missing after ${at}. 第 ${first}–${to} 筆事件已遭刪除。`,
    );
  }
  for (const file of result.invalidCheckpointFiles) {
    lines.push(`TAMPERED: checkpoint file ${file} has a bad signature (HMAC). 檢查點檔案簽章不符。`);
  }
  if (lines.length > 0) {
    return lines;
  }
  const anchored = result.checkpoint
    ? `; they reach the checkpoint at seq ${result.checkpoint.seq} (${result.checkpoint.at})`
    : `; no checkpoint found in ${dirs.join(' or ')}, so deleted newest events cannot be detected`;
  const foreign =
    result.foreignCheckpoints > 0
      ? ` ${result.foreignCheckpoints} checkpoints signed by another key were ignored.`
      : '';
  return [`OK: ${result.checked} audit events verified from ${from}${anchored}. 稽核軌跡完整。${foreign}`];
}

/**
 * `custodian audit verify` (exit 1 when the chain is broken or cut short),
 * `custodian audit checkpoint` and `custodian audit prune`.
 */
export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('Audit trail');
  audit
    .command('verify')
    .description(
      'Recompute the hash chain and compare it with the signed checkpoints; exit code 1 and the first bad seq or the missing range when tampered',
    )
    .action(async () => {
      await withRuntime(async ({ deps }) => {
        const result = await verifyAuditChain(deps, systemContext('cli', deps.clock.now()));
        for (const line of describeVerification(result, anchorDirs(deps.config))) {
          say(line);
        }
        if (!result.ok) {
          process.exitCode = 1;
        }
      });
    });
  audit
    .command('checkpoint')
    .description('Sign the chain head now and store it in DATA_DIR/audit-anchors (and AUDIT_ANCHOR_DIR)')
    .action(async () => {
      await withRuntime(async ({ deps }) => {
        const result = await writeAuditCheckpoint(deps, { reason: 'manual', now: deps.clock.now() });
        switch (result.status) {
          case 'written':
            say(`Checkpoint written at seq ${result.checkpoint.seq} to ${anchorDirs(deps.config).join(' and ')}.`);
            return;
          case 'unchanged':
            say(`Nothing new: the checkpoint at seq ${result.checkpoint.seq} is the head.`);
            return;
          case 'empty':
            say('Nothing to checkpoint: the audit trail holds no event yet.');
            return;
          case 'refused':
            say(`REFUSED: ${describeRefusal(result)}. 稽核軌跡遭截斷，未寫入檢查點。`);
            process.exitCode = 1;
            return;
        }
      });
    });
  audit
    .command('prune')
    .description('Delete audit events older than AUDIT_RETENTION_MONTHS, keeping the chain verifiable')
    .action(async () => {
      await withRuntime(async ({ deps }) => {
        const result = await pruneAuditEvents(deps, { ctx: systemContext('cli', deps.clock.now()) });
        say(
          result.pruned > 0
            ? `Pruned ${result.pruned} audit events before ${result.cutoff}; the chain now starts after seq ${result.anchorSeq}.`
            : `Nothing to prune: no audit events before ${result.cutoff}.`,
        );
      });
    });
}
