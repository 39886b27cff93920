import { sql } from 'drizzle-orm';
import { INITIAL_POLICY_RULES } from '@custodian/shared';
import { queryRows } from '../../db/client.js';
import { makeContract } from '../../db/registry-factories.js';
import { NO_OTHER, countsB, unique, type MatrixContext, type MatrixEntry } from './common.js';

/** Version 1's id: every role may read it. */
async function firstVersionId(c: MatrixContext): Promise<string> {
  const [row] = await queryRows<{ id: string }>(c.t.db.db, sql`select id from policy_versions where version = 1`);
  return row?.id ?? 'missing';
}

/**
 * Authorization-matrix entries for the policy routes (issue 3). The rule set is the same for
 * every organisation, so there is no unit B record to probe; but a version's usage counts
 * are scoped, and must not count a contract added to unit B.
 */
export const POLICY_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/v1/policy/current': {
    roles: 'any',
    own: () => ({ url: '/api/v1/policy/current' }),
    otherReason: NO_OTHER.policy,
  },
  'GET /api/v1/policy/versions': {
    roles: 'any',
    own: () => ({ url: '/api/v1/policy/versions' }),
    otherReason: NO_OTHER.policy,
  },
  'GET /api/v1/policy/versions/:id': {
    roles: 'any',
    own: async (c) => ({ url: `/api/v1/policy/versions/${await firstVersionId(c)}` }),
    other: async (c, role) =>
      countsB(c, role, {
        url: `/api/v1/policy/versions/${await firstVersionId(c)}`,
        addToB: () =>
          makeContract(c.t.db.db, {
            unitId: c.w.orgs.unitB.id,
            divisionId: c.w.orgs.division.id,
            number: unique('MATRIX-PB'),
          }),
      }),
  },
  'POST /api/v1/policy/versions': {
    permission: 'policy.publish',
    // Far in the future, so the rules other entries are judged by do not change mid-run.
    own: () => ({
      url: '/api/v1/policy/versions',
      payload: { effectiveFrom: '2099-12-31', rules: INITIAL_POLICY_RULES, notes: '矩陣測試版本' },
    }),
    otherReason: NO_OTHER.policy,
  },
};
