import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.js';
import { checkIps, normaliseIps, parseHostname } from './hosts.rules.js';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : 'other';
  }
  return 'ok';
};

describe('host rules', () => {
  it('accepts RFC 1123 host names, bare or qualified', () => {
    expect(parseHostname(' web01 ')).toBe('web01');
    expect(parseHostname('db-2.intranet.example.edu.tw')).toBe('db-2.intranet.example.edu.tw');
    expect(parseHostname('9front')).toBe('9front');
    expect(parseHostname('a'.repeat(63))).toBe('a'.repeat(63));
  });

  it('refuses what is not a host name', () => {
    for (const bad of [
      '',
      '-web',
      'web-',
      'web_01',
      'a..b',
      'web 01',
      'a'.repeat(64),
      '主機',
      'web.',
      '192.0.2.1',
      '*.x.tw',
    ]) {
      expect(
        codeOf(() => parseHostname(bad)),
        bad,
      ).toBe('INVALID_HOSTNAME');
    }
  });

  it('normalises and de-duplicates addresses', () => {
    expect(normaliseIps([' 192.0.2.10 ', '2001:DB8:0:0::1', '2001:db8::1', '192.0.2.10'])).toEqual([
      '192.0.2.10',
      '2001:db8::1',
    ]);
  });

  it('refuses invalid addresses', () => {
    for (const bad of ['192.0.2.256', '192.0.2', '0x7f.1', 'fe80::1%eth0', '192.0.2.0/24', 'localhost']) {
      expect(
        codeOf(() => normaliseIps([bad])),
        bad,
      ).toBe('INVALID_IP');
    }
  });
});

describe('rules return problems', () => {
  it('names every bad address, and normaliseIps throws the first as the service did', () => {
    expect(checkIps(['10.0.0.1', 'x', '2001:db8::1', '999.1.1.1']).map((p) => [p.path, p.code, p.value])).toEqual([
      ['ips.1', 'INVALID_IP', 'x'],
      ['ips.3', 'INVALID_IP', '999.1.1.1'],
    ]);
    try {
      normaliseIps(['10.0.0.1', 'x', 'y']);
      expect.unreachable();
    } catch (err) {
      expect((err as AppError).code).toBe('INVALID_IP');
      expect((err as AppError).details).toEqual({ value: 'x' });
    }
  });
});
