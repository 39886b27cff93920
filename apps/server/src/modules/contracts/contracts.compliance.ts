import type { ClauseRule, ClauseStatus, ComplianceStatus } from '@custodian/shared';
import { AppError } from '../../errors.js';

/** A contract's mark for one clause, as stored. */
export type ClauseMark = { code: string; status: ClauseStatus };

/** The checklist verdict stored on the contract so lists can filter on it (ADR 0010). */
export type ComplianceVerdict = { status: ComplianceStatus; missing: string[] };

/**
 * Whether one rule makes the contract non-compliant: it is required and the contract has
 * no mark, says the clause is absent, or calls it not applicable where that is not allowed.
 */
export function isClauseMissing(rule: ClauseRule, status: ClauseStatus | null | undefined): boolean {
  if (!rule.required) {
    return false;
  }
  switch (status) {
    case 'present':
      return false;
    case 'not_applicable':
      return !rule.allowNotApplicable;
    case 'absent':
    case null:
    case undefined:
      return true;
  }
}

/**
 * Judges a contract's clause marks against the checklist of its policy version. Marks for
 * codes the version does not know are ignored; missing codes keep the checklist's order.
 */
export function evaluateClauseChecklist(rules: readonly ClauseRule[], marks: readonly ClauseMark[]): ComplianceVerdict {
  const byCode = new Map(marks.map((m) => [m.code, m.status]));
  const missing = rules.filter((rule) => isClauseMissing(rule, byCode.get(rule.code))).map((rule) => rule.code);
  return { status: missing.length === 0 ? 'compliant' : 'non_compliant', missing };
}

/**
 * Checks that a mark may be recorded under a checklist: CLAUSE_UNKNOWN for a code the
 * version does not have, CLAUSE_NOT_APPLICABLE_REFUSED for "not applicable" where the rule
 * does not allow it. Returns the rule.
 */
export function assertClauseMarkAllowed(rules: readonly ClauseRule[], mark: ClauseMark): ClauseRule {
  const rule = rules.find((r) => r.code === mark.code);
  if (!rule) {
    throw new AppError('CLAUSE_UNKNOWN', { code: mark.code });
  }
  if (mark.status === 'not_applicable' && !rule.allowNotApplicable) {
    throw new AppError('CLAUSE_NOT_APPLICABLE_REFUSED', { code: mark.code });
  }
  return rule;
}
