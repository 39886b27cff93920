import { can, type LaunchBlocker } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { Actor, AppDeps } from '../../lib/context.js';
import { moduleLaunchChecks, type LaunchCheckInput } from '../registry.js';

/*
 * The pre-launch gate (items 四十二, 四十三 (一) 1). The systems module names no check: each
 * module registers its own as `launchChecks` (modules/registry.ts), e.g. the scans module's
 * "a scan after the last change, with no open Critical or High findings".
 */

/** What every registered check says blocks the system from going online; empty when it may. */
export async function launchBlockers(
  deps: Pick<AppDeps, 'modules'>,
  db: Executor,
  system: LaunchCheckInput,
): Promise<LaunchBlocker[]> {
  const blockers: LaunchBlocker[] = [];
  // In turn, not Promise.all: `db` may be a transaction.
  for (const check of moduleLaunchChecks(deps.modules)) {
    blockers.push(...(await check(db, system)));
  }
  return blockers;
}

/**
 * Refuses a move to online while anything blocks it (SYSTEM_LAUNCH_BLOCKED, listing the
 * blockers as the error's problems), unless the Ministry overrides it with a reason
 * (`system.launch-override`); returns the blockers overridden, for the audit trail.
 */
export async function assertMayLaunch(
  deps: Pick<AppDeps, 'modules'>,
  db: Executor,
  input: { actor: Actor; system: LaunchCheckInput; override: { reason: string } | undefined },
): Promise<LaunchBlocker[]> {
  const blockers = await launchBlockers(deps, db, input.system);
  if (blockers.length === 0) {
    return [];
  }
  if (!input.override) {
    throw new AppError('SYSTEM_LAUNCH_BLOCKED', { shownProblems: blockers });
  }
  if (!can(input.actor.role, 'system.launch-override')) {
    throw new AppError('FORBIDDEN');
  }
  return blockers;
}
