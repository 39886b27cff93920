import {
  diffPolicyRules,
  StoredPolicyRulesSchema,
  type PolicyCurrent,
  type PolicyPublishInput,
  type PolicyVersionDetail,
  type PolicyVersionListQuery,
  type PolicyVersionUsage,
} from '@custodian/shared';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { AppError } from '../../errors.js';
import { policyInForce, taipeiToday } from '../../lib/policy.js';
import type { PolicyUsageCounter } from '../../lib/policy-usage.js';
import { requireActor, resolveRegistryScope, type RegistryScope } from '../../lib/tenancy.js';
import { orgRecordsChanged } from '../../lib/record-changes.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  findLatestPolicyVersion,
  findPolicyVersionById,
  insertPolicyVersion,
  listPolicyVersions as listRows,
  listScheduledPolicyVersions,
  lockPolicyPublication,
} from './policy.repository.js';
import { presentPolicyVersion, presentPolicyVersionDetail } from './policy.presenter.js';

/** The usage counters the modules registered (`modules/index.ts`). */
export type PolicyUsageCounters = readonly PolicyUsageCounter[];

/**
 * How many records of each registered module every version judged, counting only the
 * records the scope may read; zero for a module with none.
 */
async function countUsage(
  deps: AppDeps,
  scope: RegistryScope,
  options: { counters: PolicyUsageCounters; versionIds: string[] },
): Promise<Map<string, PolicyVersionUsage>> {
  const { counters, versionIds } = options;
  const counts = await Promise.all(counters.map((counter) => counter.count(deps.db, scope, versionIds)));
  return new Map(
    versionIds.map((id) => [
      id,
      Object.fromEntries(counters.map((counter, index) => [counter.module, counts[index]?.get(id) ?? 0])),
    ]),
  );
}

/** The rule set in force today (Taipei, at `now`), and the versions already published for later days. */
export async function getCurrentPolicy(deps: AppDeps, now: Date): Promise<PolicyCurrent> {
  const today = taipeiToday(now);
  const current = await policyInForce(deps.db, today);
  const [row, scheduled] = await Promise.all([
    findPolicyVersionById(deps.db, current.id),
    listScheduledPolicyVersions(deps.db, today),
  ]);
  if (!row) {
    throw new AppError('INTERNAL');
  }
  return { ...presentPolicyVersion(row, current.id), scheduled };
}

/**
 * Versions newest first, with their standing today and how many records each one judged.
 * The counts cover only the records the caller may read.
 */
export async function listPolicyVersions(
  deps: AppDeps,
  ctx: RequestContext,
  input: { query: PolicyVersionListQuery; counters: PolicyUsageCounters },
): Promise<{ items: PolicyVersionDetail[]; total: number; page: number; pageSize: number }> {
  const { query, counters } = input;
  const scope = await resolveRegistryScope(deps.db, requireActor(ctx.actor));
  const today = taipeiToday(ctx.now);
  const [current, { items, total }] = await Promise.all([policyInForce(deps.db, today), listRows(deps.db, query)]);
  const usage = await countUsage(deps, scope, { counters, versionIds: items.map((row) => row.id) });
  return {
    items: items.map((row) =>
      presentPolicyVersionDetail(row, { currentId: current.id, today, usage: usage.get(row.id) ?? {} }),
    ),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** One version, e.g. the one a contract was judged by. */
export async function getPolicyVersion(
  deps: AppDeps,
  ctx: RequestContext,
  input: { id: string; counters: PolicyUsageCounters },
): Promise<PolicyVersionDetail> {
  const { id, counters } = input;
  const scope = await resolveRegistryScope(deps.db, requireActor(ctx.actor));
  const row = await findPolicyVersionById(deps.db, id);
  if (!row) {
    throw new AppError('NOT_FOUND');
  }
  const today = taipeiToday(ctx.now);
  const [current, usage] = await Promise.all([
    policyInForce(deps.db, today),
    countUsage(deps, scope, { counters, versionIds: [id] }),
  ]);
  return presentPolicyVersionDetail(row, { currentId: current.id, today, usage: usage.get(id) ?? {} });
}

/**
 * Publishes the next version of the rule set. Versions are immutable and numbered in
 * order (under a lock, so two publications cannot take the same number); a new version may
 * take effect later but never before the latest one, so the history stays a sequence.
 * Records already judged keep pointing at the version they were judged by. The audit event
 * carries the diff over the section descriptors, sections added or left out included.
 */
export async function publishPolicyVersion(
  deps: AppDeps,
  ctx: RequestContext,
  input: { version: PolicyPublishInput; counters: PolicyUsageCounters },
): Promise<PolicyVersionDetail> {
  const { version, counters } = input;
  const actor = requireActor(ctx.actor);
  const created = await deps.db.transaction(async (tx) => {
    await lockPolicyPublication(tx);
    const latest = await findLatestPolicyVersion(tx);
    if (!latest) {
      throw new AppError('INTERNAL', { reason: 'no policy version; run migrations' });
    }
    if (version.effectiveFrom < latest.effectiveFrom) {
      throw new AppError('POLICY_EFFECTIVE_DATE_INVALID');
    }
    const row = await insertPolicyVersion(tx, {
      version: latest.version + 1,
      effectiveFrom: version.effectiveFrom,
      rules: version.rules,
      notes: version.notes,
      publishedBy: actor.via === 'system' ? null : actor.userId,
    });
    await recordAudit(tx, deps, ctx, {
      action: 'policy.publish',
      orgId: null,
      targetType: 'policy_version',
      targetId: row.id,
      summary: {
        version: row.version,
        previousVersion: latest.version,
        effectiveFrom: row.effectiveFrom,
        changes: diffPolicyRules(StoredPolicyRulesSchema.parse(latest.rules), version.rules),
      },
    });
    // A rule in force on a day the dashboard counts (a warning period) may have changed for every organisation.
    await orgRecordsChanged(tx, deps, { orgIds: 'all', now: ctx.now });
    return row;
  });
  return getPolicyVersion(deps, ctx, { id: created.id, counters });
}
