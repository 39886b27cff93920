import { beforeAll, describe, expect, it } from 'vitest';
import { estimatePasswordStrength, ownerWords, personalWords } from './password-strength.js';

const OWNER = { name: 'Lin Xiaohua 林小華', email: 'lin.xiaohua@ntnu.edu.tw', context: ['國立臺灣師範大學'] };

describe('estimatePasswordStrength', () => {
  beforeAll(async () => {
    // The first estimate loads and ranks the dictionaries: seconds on a busy machine.
    await estimatePasswordStrength('warm-up', {});
  }, 60_000);

  it.each([
    ['a repeated character', 'aaaaaaaaaaaa'],
    ['a digit sequence', '123456789012'],
    ['a letter sequence', 'abcdefghijkl'],
    ['a keyboard row', 'qwertyuiopas'],
    ['a common password with digits', 'password1234'],
    ['a common password in look-alike spelling', 'P@ssw0rd2024!'],
    ['the e-mail local part and a year', 'lin.xiaohua2026'],
    ['the name without spaces and a year', 'LinXiaohua2026!'],
    ['the e-mail address itself', 'lin.xiaohua@ntnu.edu.tw'],
    ['the Chinese name and digits', '林小華林小華123456'],
    ['the platform name and a year', 'custodian2026'],
  ])('refuses %s (%s)', async (_label, password) => {
    const strength = await estimatePasswordStrength(password, OWNER);
    expect(strength.isStrongEnough, `${password}: score ${strength.score}`).toBe(false);
  });

  it('refuses what would pass for a stranger once it is built from the owner’s name or e-mail', async () => {
    // The personal words are what makes these weak: the same strings pass for someone else.
    for (const password of ['lin.xiaohua2026', 'LinXiaohua2026!', 'ntnu.lin.xiaohua', 'Xiaohua loves purple kites']) {
      expect((await estimatePasswordStrength(password, {})).isStrongEnough, password).toBe(true);
      expect(await estimatePasswordStrength(password, OWNER), password).toMatchObject({
        isStrongEnough: false,
        warning: 'userInputs',
      });
    }
  });

  it('counts the e-mail domain and the organisation as known words', async () => {
    for (const password of ['ntnu.edu.tw.2026', '國立臺灣師範大學2026']) {
      expect((await estimatePasswordStrength(password, {})).isStrongEnough, password).toBe(true);
      expect((await estimatePasswordStrength(password, OWNER)).isStrongEnough, password).toBe(false);
    }
  });

  it('refuses the Chinese name inside an otherwise long password', async () => {
    const password = '林小華的密碼很安全嗎';
    expect((await estimatePasswordStrength(password, {})).isStrongEnough).toBe(true);
    expect((await estimatePasswordStrength(password, OWNER)).isStrongEnough).toBe(false);
  });

  it('does not refuse short syllables of the name inside other words', async () => {
    // "lin" (3 letters) is below the personal-word length: "online" stays usable for Lin.
    expect((await estimatePasswordStrength('violet online tugboat', OWNER)).isStrongEnough).toBe(true);
  });

  it('accepts a passphrase of unrelated words', async () => {
    for (const password of [
      'correct horse battery staple',
      'violet tugboat quietly sings',
      '月光下的藍色腳踏車 2026',
    ]) {
      const strength = await estimatePasswordStrength(password, OWNER);
      expect(strength, password).toMatchObject({ isStrongEnough: true, warning: null });
    }
  });

  it('reports the kind of weakness as a key, for our own messages', async () => {
    expect((await estimatePasswordStrength('aaaaaaaaaaaa', OWNER)).warning).toBe('simpleRepeat');
    expect((await estimatePasswordStrength('lin.xiaohua2026', OWNER)).warning).toBe('userInputs');
  });

  it('reads only a bounded prefix, whose cost does not grow with the 256 characters allowed', async () => {
    // Unbounded, zxcvbn spends seconds on 256 patternless characters. Bounded, what follows
    // the first 64 characters is not read: a strong tail does not rescue a weak beginning.
    const tail = 'Xq7#vL2@pZ9!mK4$wR8%tY3^nB6&hJ1*';
    expect((await estimatePasswordStrength(`aaaa ${tail}`, OWNER)).isStrongEnough).toBe(true);
    expect((await estimatePasswordStrength(`${'a'.repeat(64)}${tail}`, OWNER)).isStrongEnough).toBe(false);
  });
});

describe('ownerWords', () => {
  it('lists the name, the address and their pieces, and the platform name', () => {
    const words = ownerWords(OWNER);
    expect(words).toEqual(
      expect.arrayContaining([
        'lin xiaohua 林小華',
        'linxiaohua林小華',
        'lin',
        'xiaohua',
        '林小華',
        'lin.xiaohua@ntnu.edu.tw',
        'lin.xiaohua',
        'linxiaohua',
        'ntnu.edu.tw',
        'ntnu',
        'edu',
        '國立臺灣師範大學',
        'custodian',
      ]),
    );
    expect(new Set(words).size).toBe(words.length);
  });

  it('folds full-width letters and case, and skips missing fields', () => {
    expect(ownerWords({ name: 'ＡＬＩＣＥ', email: null })).toEqual(['alice', 'custodian']);
  });
});

describe('personalWords', () => {
  it('keeps the distinctive parts of the name and the e-mail local part, not the domain', () => {
    expect(personalWords(OWNER).sort()).toEqual(
      ['lin xiaohua 林小華', 'linxiaohua林小華', 'xiaohua', '林小華', 'lin.xiaohua', 'linxiaohua'].sort(),
    );
    // Two Han characters are as distinctive as four letters.
    expect(personalWords({ name: '王五', email: 'wu@a.edu.tw' })).toEqual(['王五']);
  });
});
