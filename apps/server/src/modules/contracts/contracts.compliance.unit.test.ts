import { describe, expect, it } from 'vitest';
import { INITIAL_POLICY_RULES, type ClauseRule } from '@custodian/shared';
import { AppError } from '../../errors.js';
import {
  assertClauseMarkAllowed,
  evaluateClauseChecklist,
  isClauseMissing,
  type ClauseMark,
} from './contracts.compliance.js';

const rule = (code: string, overrides: Partial<ClauseRule> = {}): ClauseRule => ({
  code,
  item: '十二(一)',
  title: { 'zh-TW': `條款 ${code}`, en: `Clause ${code}` },
  description: { 'zh-TW': '說明', en: 'Description' },
  required: true,
  allowNotApplicable: false,
  ...overrides,
});

const RULES = [rule('a'), rule('b', { allowNotApplicable: true }), rule('c', { required: false })];
const errorCode = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : 'other';
  }
  return 'none';
};

describe('isClauseMissing', () => {
  it('treats an unmarked or absent required clause as missing', () => {
    expect(isClauseMissing(rule('a'), undefined)).toBe(true);
    expect(isClauseMissing(rule('a'), null)).toBe(true);
    expect(isClauseMissing(rule('a'), 'absent')).toBe(true);
    expect(isClauseMissing(rule('a'), 'present')).toBe(false);
  });

  it('accepts "not applicable" only where the rule allows it', () => {
    expect(isClauseMissing(rule('a'), 'not_applicable')).toBe(true);
    expect(isClauseMissing(rule('a', { allowNotApplicable: true }), 'not_applicable')).toBe(false);
  });

  it('never counts an optional clause as missing', () => {
    for (const status of [undefined, 'absent', 'not_applicable'] as const) {
      expect(isClauseMissing(rule('a', { required: false }), status)).toBe(false);
    }
  });
});

describe('evaluateClauseChecklist', () => {
  it('lists every required clause when nothing is marked', () => {
    expect(evaluateClauseChecklist(RULES, [])).toEqual({ status: 'non_compliant', missing: ['a', 'b'] });
  });

  it('is compliant when every required clause is present or acceptably not applicable', () => {
    const marks: ClauseMark[] = [
      { code: 'a', status: 'present' },
      { code: 'b', status: 'not_applicable' },
    ];
    expect(evaluateClauseChecklist(RULES, marks)).toEqual({ status: 'compliant', missing: [] });
  });

  it('names exactly the missing clauses, in checklist order', () => {
    const marks: ClauseMark[] = [
      { code: 'b', status: 'absent' },
      { code: 'a', status: 'not_applicable' },
      { code: 'c', status: 'absent' },
    ];
    expect(evaluateClauseChecklist(RULES, marks)).toEqual({ status: 'non_compliant', missing: ['a', 'b'] });
  });

  it('ignores marks for codes the version does not know', () => {
    const marks: ClauseMark[] = [
      { code: 'a', status: 'present' },
      { code: 'b', status: 'present' },
      { code: 'retired', status: 'absent' },
    ];
    expect(evaluateClauseChecklist(RULES, marks).status).toBe('compliant');
  });

  it('turns compliant with the shipped checklist only when all thirteen clauses are satisfied', () => {
    const rules = INITIAL_POLICY_RULES.contractClauses;
    const all = rules.map((r) => ({ code: r.code, status: 'present' as const }));
    expect(evaluateClauseChecklist(rules, all)).toEqual({ status: 'compliant', missing: [] });
    const lastButOne = all.map((m) => (m.code === 'item13_exit' ? { ...m, status: 'absent' as const } : m));
    expect(evaluateClauseChecklist(rules, lastButOne)).toEqual({ status: 'non_compliant', missing: ['item13_exit'] });
    const personalDataNa = all.map((m) =>
      m.code === 'item9_personal_data' ? { ...m, status: 'not_applicable' as const } : m,
    );
    expect(evaluateClauseChecklist(rules, personalDataNa).status).toBe('compliant');
  });
});

describe('assertClauseMarkAllowed', () => {
  it('refuses codes outside the checklist', () => {
    expect(errorCode(() => assertClauseMarkAllowed(RULES, { code: 'zzz', status: 'present' }))).toBe('CLAUSE_UNKNOWN');
  });

  it('refuses "not applicable" where the rule does not allow it', () => {
    expect(errorCode(() => assertClauseMarkAllowed(RULES, { code: 'a', status: 'not_applicable' }))).toBe(
      'CLAUSE_NOT_APPLICABLE_REFUSED',
    );
    expect(assertClauseMarkAllowed(RULES, { code: 'b', status: 'not_applicable' }).code).toBe('b');
    expect(assertClauseMarkAllowed(RULES, { code: 'a', status: 'absent' }).code).toBe('a');
  });
});
