import { describe, expect, it } from 'vitest';
import { IMPORT_COLUMNS, type ImportSheet } from '@custodian/shared';
import { parseOption, readCell } from './imports.cells.js';

const column = (sheet: ImportSheet, key: string) => {
  const found = IMPORT_COLUMNS[sheet].find((c) => c.key === key);
  if (!found) {
    throw new Error(`no column ${key}`);
  }
  return found;
};

describe('import cells', () => {
  it('maps zh-TW labels, English labels, codes and common spellings to option codes', () => {
    expect(parseOption('protectionLevel', '高')).toBe('high');
    expect(parseOption('protectionLevel', 'Medium')).toBe('medium');
    expect(parseOption('protectionLevel', 'normal')).toBe('normal');
    expect(parseOption('contractType', '委辦')).toBe('commission');
    expect(parseOption('environment', '正式環境')).toBe('production');
    expect(parseOption('systemStatus', '上線')).toBe('online');
    expect(parseOption('yesNo', 'TRUE')).toBe('yes');
    expect(parseOption('yesNo', '否')).toBe('no');
    expect(parseOption('contactKind', '應用系統負責人')).toBe('system_owner');
    expect(parseOption('hostLocation', '機房')).toBeUndefined();
  });

  it('normalises and de-duplicates IP lists, naming the bad address', () => {
    expect(readCell(column('hosts', 'ips'), '192.0.2.1, 2001:DB8:0:0::1；192.0.2.1\n10.0.0.1')).toEqual({
      ok: true,
      value: ['192.0.2.1', '2001:db8::1', '10.0.0.1'],
    });
    expect(readCell(column('hosts', 'ips'), '192.0.2.1 192.0.2.256')).toEqual({
      ok: false,
      code: 'INVALID_IP',
      value: '192.0.2.256',
    });
    const many = Array.from({ length: 33 }, (_, i) => `192.0.2.${i}`).join(',');
    expect(readCell(column('hosts', 'ips'), many)).toMatchObject({ ok: false, code: 'IMPORT_ROW_TOO_MANY_VALUES' });
  });

  it('splits system names only at line breaks and semicolons, which names may not hold', () => {
    expect(readCell(column('hosts', 'systemNames'), '招生、註冊系統\n校務系統; 網站, 二代')).toEqual({
      ok: true,
      value: ['招生、註冊系統', '校務系統', '網站, 二代'],
    });
    expect(readCell(column('systems', 'contractNumbers'), 'MOE-1、MOE-2,moe-1')).toEqual({
      ok: true,
      value: ['MOE-1', 'MOE-2'],
    });
  });

  it('checks URLs, amounts, codes, hostnames, phones and e-mail addresses', () => {
    expect(readCell(column('systems', 'urls'), 'https://a.example.edu.tw http://b.example.edu.tw/x?y=1')).toEqual({
      ok: true,
      value: ['https://a.example.edu.tw', 'http://b.example.edu.tw/x?y=1'],
    });
    expect(readCell(column('systems', 'urls'), 'a.example.edu.tw')).toMatchObject({ code: 'IMPORT_ROW_INVALID_URL' });
    expect(readCell(column('contracts', 'amount'), 'NT$1,200,000')).toEqual({ ok: true, value: 1_200_000 });
    expect(readCell(column('contracts', 'amount'), '12.5')).toMatchObject({ code: 'IMPORT_ROW_INVALID_NUMBER' });
    expect(readCell(column('units', 'code'), '0123')).toEqual({ ok: true, value: '0123' });
    expect(readCell(column('units', 'code'), '甲校')).toMatchObject({ code: 'IMPORT_ROW_INVALID_CODE' });
    expect(readCell(column('hosts', 'hostname'), 'Web-01.example')).toEqual({ ok: true, value: 'Web-01.example' });
    expect(readCell(column('hosts', 'hostname'), '192.0.2.1')).toMatchObject({ code: 'INVALID_HOSTNAME' });
    expect(readCell(column('contacts', 'phone'), '(037)123456 轉 12')).toMatchObject({ ok: true });
    expect(readCell(column('contacts', 'phone'), '123')).toMatchObject({ code: 'IMPORT_ROW_INVALID_PHONE' });
    expect(readCell(column('contacts', 'email'), 'Pm@Example.COM')).toEqual({ ok: true, value: 'pm@example.com' });
  });

  it('joins a line break typed into a one-line text, keeps them in long texts, refuses control characters', () => {
    expect(readCell(column('systems', 'name'), '校務\n系統')).toEqual({ ok: true, value: '校務 系統' });
    expect(readCell(column('systems', 'exitPlan'), '一、移交\n二、下線')).toEqual({
      ok: true,
      value: '一、移交\n二、下線',
    });
    expect(readCell(column('systems', 'name'), 'a\u0007b')).toMatchObject({ code: 'IMPORT_ROW_INVALID_TEXT' });
    // The API's rule (hasControlCharacters): C1 controls and lone surrogates too, in every kind of text.
    for (const text of ['a\u0085b', 'a\u009bb', 'a\ud800b']) {
      expect(readCell(column('systems', 'name'), text)).toMatchObject({ code: 'IMPORT_ROW_INVALID_TEXT' });
      expect(readCell(column('systems', 'exitPlan'), text)).toMatchObject({ code: 'IMPORT_ROW_INVALID_TEXT' });
      expect(readCell(column('hosts', 'systemNames'), text)).toMatchObject({ code: 'IMPORT_ROW_INVALID_TEXT' });
    }
    expect(readCell(column('systems', 'name'), 'x'.repeat(201))).toMatchObject({ code: 'IMPORT_ROW_INVALID_TEXT' });
  });

  it('reports empty required cells, and gives empty optional ones null or []', () => {
    expect(readCell(column('systems', 'name'), null)).toEqual({ ok: false, code: 'IMPORT_ROW_REQUIRED', value: null });
    expect(readCell(column('systems', 'launchDate'), '  ')).toEqual({ ok: true, value: null });
    expect(readCell(column('systems', 'urls'), null)).toEqual({ ok: true, value: [] });
    expect(readCell(column('systems', 'launchDate'), new Date(Date.UTC(2024, 1, 29)))).toEqual({
      ok: true,
      value: '2024-02-29',
    });
  });
});
