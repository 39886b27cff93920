import { sql } from 'drizzle-orm';
import { namesByIds } from '../../db/names.js';
import { policyVersions } from '../../db/schema/index.js';
import { defineAudit } from '../audit/audit.labels.js';

/** Audit labels of the rule-set versions (ADR 0018). */
export const policyAudit = defineAudit({
  actions: {
    'policy.publish': { 'zh-TW': '發布規則版本', en: 'Rule set published' },
  },
  targets: {
    policy_version: {
      label: { 'zh-TW': '規則版本', en: 'Rule set version' },
      names: (db, ids) =>
        namesByIds(
          db,
          { table: policyVersions, id: policyVersions.id, name: sql<string>`'v' || ${policyVersions.version}` },
          ids,
        ),
      link: '/policy/versions/:id',
    },
  },
});
