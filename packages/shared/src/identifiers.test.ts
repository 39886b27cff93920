import { describe, expect, it } from 'vitest';
import { ContractNumberSchema } from './contracts.js';
import { identifierKey, normaliseEmail, normaliseIdentifier } from './identifiers.js';
import { OrgCodeSchema } from './organisations.js';
import { EmailSchema } from './text.js';

describe('identifiers', () => {
  it('folds look-alike spellings to one identifier, keeping the case', () => {
    for (const text of [
      'CASE-5FE8C',
      'CASE\uFF0D5FE8C',
      '\uFF23\uFF21\uFF33\uFF25-\uFF15\uFF26\uFF25\uFF18\uFF23',
      'CASE-5FE8C\u200B',
      '\u200CCA\u200DSE\u2060-5FE8C\uFEFF',
      'CASE\u00AD-5FE8C',
      'CASE\u20115FE8C',
      'CASE\u22125FE8C',
      '\u3000CASE-5FE8C\u00A0',
    ]) {
      expect(normaliseIdentifier(text), JSON.stringify(text)).toBe('CASE-5FE8C');
    }
    expect(normaliseIdentifier('教字\u3000第 \t 1130001\n號')).toBe('教字 第 1130001 號');
    expect(identifierKey('ＮＴＮＵ')).toBe(identifierKey('ntnu'));
  });

  it('normalises in the shared schemas before checking', () => {
    expect(ContractNumberSchema.parse('ＣＡＳＥ－５ＦＥ８Ｃ\u200B')).toBe('CASE-5FE8C');
    expect(ContractNumberSchema.safeParse('\u200B\uFEFF').success).toBe(false);
    expect(ContractNumberSchema.safeParse('A\u0000B').success).toBe(false);
    expect(OrgCodeSchema.parse('ＮＴＮＵ\u200B')).toBe('NTNU');
    expect(OrgCodeSchema.safeParse('甲校').success).toBe(false);
    expect(EmailSchema.parse(' ＰＭ＠Ｅｘａｍｐｌｅ．ｅｄｕ．ｔｗ\u200B')).toBe('pm@example.edu.tw');
    expect(normaliseEmail('Pm@Example.COM')).toBe('pm@example.com');
    expect(EmailSchema.safeParse('not an e-mail').success).toBe(false);
  });
});
