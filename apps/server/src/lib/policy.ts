import { asc, desc, eq, lte } from 'drizzle-orm';
import {
  INITIAL_POLICY_EFFECTIVE_FROM,
  INITIAL_POLICY_RULES,
  StoredPolicyRulesSchema,
  taipeiToday as taipeiDay,
  type PolicyRules,
} from '@custodian/shared';
import type { Executor } from '../db/types.js';
import { policyVersions } from '../db/schema/index.js';
import { AppError } from '../errors.js';

/** A policy version as services use it: the id to record, the rules to apply. */
export type PolicyInForce = { id: string; version: number; effectiveFrom: string; rules: PolicyRules };

type PolicyRow = typeof policyVersions.$inferSelect;

function toPolicy(row: PolicyRow): PolicyInForce {
  return {
    id: row.id,
    version: row.version,
    effectiveFrom: row.effectiveFrom,
    rules: StoredPolicyRulesSchema.parse(row.rules),
  };
}

/**
 * The date in Asia/Taipei at `now` (the request's or job's instant) as YYYY-MM-DD: the one
 * implementation, `taipeiToday(now)` in `@custodian/shared`.
 */
export function taipeiToday(now: Date): string {
  return taipeiDay(now);
}

/**
 * The rule set in force on a day (usually `taipeiToday(now)`): the version with the latest
 * effective date on or before it, or the first version for days before any took effect.
 */
export async function policyInForce(db: Executor, onDate: string): Promise<PolicyInForce> {
  const [row] = await db
    .select()
    .from(policyVersions)
    .where(lte(policyVersions.effectiveFrom, onDate))
    .orderBy(desc(policyVersions.effectiveFrom), desc(policyVersions.version))
    .limit(1);
  if (row) {
    return toPolicy(row);
  }
  const [first] = await db.select().from(policyVersions).orderBy(asc(policyVersions.version)).limit(1);
  if (!first) {
    throw new AppError('INTERNAL', { reason: 'no policy version; run migrations' });
  }
  return toPolicy(first);
}

/** A specific version, e.g. the one a record was judged by. */
export async function policyById(db: Executor, id: string): Promise<PolicyInForce> {
  const [row] = await db.select().from(policyVersions).where(eq(policyVersions.id, id)).limit(1);
  if (!row) {
    throw new AppError('NOT_FOUND');
  }
  return toPolicy(row);
}

/** Ships version 1 from the regulation's text when the table is empty. Idempotent. */
export async function ensureInitialPolicy(db: Executor): Promise<void> {
  await db
    .insert(policyVersions)
    .values({
      version: 1,
      effectiveFrom: INITIAL_POLICY_EFFECTIVE_FROM,
      rules: INITIAL_POLICY_RULES,
      notes: '初版：依要點條文（七、九、十、十一、十二、十三、三十九、四十二）建立。',
    })
    .onConflictDoNothing({ target: policyVersions.version });
}
