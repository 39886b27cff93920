import { describe, expect, it } from 'vitest';
import { parseAllocationValue, parseCidr, parseFqdn, parseIpAddress } from './net.js';

describe('network identifiers', () => {
  it('normalises IPv4 and IPv6 addresses', () => {
    expect(parseIpAddress(' 192.0.2.10 ')).toEqual({ ok: true, value: { kind: 'ipv4', address: '192.0.2.10' } });
    expect(parseIpAddress('2001:DB8:0:0::1')).toEqual({ ok: true, value: { kind: 'ipv6', address: '2001:db8::1' } });
  });

  it('refuses malformed addresses, including the legacy forms inet_aton accepts', () => {
    for (const bad of ['256.1.1.1', '1.2.3', '0x7f.0.0.1', '127.1', 'fe80::1%eth0', '1.2.3.4.5', '']) {
      expect(parseIpAddress(bad), bad).toEqual({ ok: false, error: 'INVALID_IP' });
    }
  });

  it('accepts CIDR ranges only on their network address', () => {
    expect(parseCidr('192.0.2.0/24')).toMatchObject({ ok: true, value: { kind: 'ipv4', value: '192.0.2.0/24' } });
    expect(parseCidr('2001:db8::/48')).toMatchObject({ ok: true, value: { kind: 'ipv6', value: '2001:db8::/48' } });
    for (const bad of ['192.0.2.5/24', '192.0.2.0/33', '192.0.2.0/', '2001:db8::/129', 'x/24']) {
      expect(parseCidr(bad), bad).toEqual({ ok: false, error: 'INVALID_CIDR' });
    }
  });

  it('validates and lower-cases domain names, with IDNs in A-label form', () => {
    expect(parseFqdn('WWW.Example.EDU.tw')).toMatchObject({ ok: true, value: { value: 'www.example.edu.tw' } });
    expect(parseFqdn('教育部.tw')).toMatchObject({ ok: true, value: { value: 'xn--wcvs22dzol.tw' } });
    for (const bad of ['localhost', 'exa mple.tw', '-bad.example.tw', 'a..b.tw', 'under_score.tw']) {
      expect(parseFqdn(bad), bad).toEqual({ ok: false, error: 'INVALID_FQDN' });
    }
  });

  it('reads what a user typed as an allocation', () => {
    expect(parseAllocationValue('203.0.113.7')).toMatchObject({ ok: true, value: { value: '203.0.113.7/32' } });
    expect(parseAllocationValue('2001:db8::1')).toMatchObject({ ok: true, value: { value: '2001:db8::1/128' } });
    expect(parseAllocationValue('203.0.113.0/25')).toMatchObject({ ok: true, value: { kind: 'ipv4' } });
    expect(parseAllocationValue('portal.example.edu.tw')).toMatchObject({ ok: true, value: { kind: 'domain' } });
    expect(parseAllocationValue('300.1.1.1')).toEqual({ ok: false, error: 'INVALID_IP' });
  });
});
