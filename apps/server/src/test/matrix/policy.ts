import { expect } from 'vitest';
import { sql } from 'drizzle-orm';
import { INITIAL_POLICY_RULES } from '@custodian/shared';
import { queryRows } from '../../db/client.js';
import type { MatrixContext, MatrixEntry } from './common.js';

/** Version 1's id: every role may read it. */
async function firstVersionId(c: MatrixContext): Promise<string> {
  const [row] = await queryRows<{ id: string }>(c.t.db.db, sql`select id from policy_versions where version = 1`);
  return row?.id ?? 'missing';
}

/**
 * Authorization-matrix entries for the policy routes (issue 3). The rule set is the same for
 * every organisation, so there is no unit B record to probe; the usage counts are scoped, and
 * unit A's admin must not count unit B's contract.
 */
export const POLICY_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/v1/policy/current': { roles: 'any', own: () => ({ url: '/api/v1/policy/current' }) },
  'GET /api/v1/policy/versions': { roles: 'any', own: () => ({ url: '/api/v1/policy/versions' }) },
  'GET /api/v1/policy/versions/:id': {
    roles: 'any',
    own: async (c) => ({ url: `/api/v1/policy/versions/${await firstVersionId(c)}` }),
    other: async (c) => {
      const id = await firstVersionId(c);
      const [visible] = await queryRows<{ n: number }>(
        c.t.db.db,
        sql`select count(*)::int as n from contracts where policy_version_id = ${id} and unit_id = ${c.w.orgs.unitA.id}`,
      );
      return {
        url: `/api/v1/policy/versions/${id}`,
        check: (res, label) => {
          expect(res.statusCode, label).toBe(200);
          const usage = (JSON.parse(res.body) as { usage: { contracts: number } }).usage;
          // Unit A's admin counts unit A's contracts, never unit B's.
          expect(usage.contracts, label).toBe(visible?.n);
        },
      };
    },
  },
  'POST /api/v1/policy/versions': {
    roles: ['ministry_admin'],
    // Far in the future, so the rules other entries are judged by do not change mid-run.
    own: () => ({
      url: '/api/v1/policy/versions',
      payload: { effectiveFrom: '2099-12-31', rules: INITIAL_POLICY_RULES, notes: '矩陣測試版本' },
    }),
  },
};
