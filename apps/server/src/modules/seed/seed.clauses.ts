import type { ContractClause, ContractClausesBulkInput } from '@custodian/shared';
import { DEMO_ABSENT_CLAUSES, type DemoClausePlan } from './seed.registry-data.js';

/**
 * The clause marks that give a demo contract its designed verdict, taken from the checklist
 * of the contract's own policy version (never a hard-coded list of clauses): every clause
 * present with an article reference, except two required clauses absent (`two_absent`)
 * or one clause that accepts it not applicable (`one_not_applicable`).
 */
export function planClauseMarks(options: {
  clauses: readonly Pick<ContractClause, 'code' | 'required' | 'allowNotApplicable'>[];
  plan: DemoClausePlan;
  notApplicableNote?: string;
}): ContractClausesBulkInput {
  const { clauses, plan } = options;
  const required = clauses.filter((c) => c.required);
  const absent = new Set<string>();
  let notApplicable: string | undefined;
  switch (plan) {
    case 'complete':
      break;
    case 'two_absent': {
      const preferred = DEMO_ABSENT_CLAUSES.filter((code) => required.some((c) => c.code === code));
      const codes = preferred.length === 2 ? preferred : required.slice(-2).map((c) => c.code);
      if (codes.length < 2) {
        throw new Error('demo seed: the rule set has fewer than two required clauses');
      }
      codes.forEach((code) => absent.add(code));
      break;
    }
    case 'one_not_applicable':
      notApplicable = clauses.find((c) => c.allowNotApplicable)?.code;
      if (!notApplicable) {
        throw new Error('demo seed: no clause of the rule set accepts "not applicable"');
      }
      break;
  }
  let article = 0;
  return {
    items: clauses.map((c) => {
      if (c.code === notApplicable) {
        return { code: c.code, status: 'not_applicable', articleRef: null, note: options.notApplicableNote ?? null };
      }
      if (absent.has(c.code)) {
        return { code: c.code, status: 'absent', articleRef: null, note: '契約未載明，已請受託單位於變更契約時補列。' };
      }
      article += 1;
      return { code: c.code, status: 'present', articleRef: `第 ${article + 4} 條`, note: null };
    }),
  };
}
