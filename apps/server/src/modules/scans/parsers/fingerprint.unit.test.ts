import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectScanFormat, fingerprint } from './index.js';
import { fixture, parseFixture } from './test-helpers.js';
import type { ScanFormat } from './types.js';

describe('fingerprint', () => {
  const base = { ruleId: '10011' };

  it('is a sha256 hex, the same for every spelling of one asset', () => {
    const a = fingerprint('OWASP ZAP', { ...base, asset: { url: 'HTTPS://Example.EDU.tw:443/a/b?z=1&a=2#frag' } });
    const b = fingerprint('owasp zap', { ...base, asset: { url: 'https://example.edu.tw/a/b?a=2&z=1' } });
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).toBe(b);
    expect(fingerprint('Nessus', { ruleId: '1', asset: { ip: '::ffff:10.0.0.1', port: 22, protocol: 'TCP' } })).toBe(
      fingerprint('nessus', { ruleId: '1', asset: { ip: '10.0.0.1', port: 22, protocol: 'tcp' } }),
    );
    expect(fingerprint('Nmap', { ruleId: '1', asset: { hostname: 'Host.Example.edu.tw.' } })).toBe(
      fingerprint('Nmap', { ruleId: '1', asset: { hostname: 'host.example.edu.tw' } }),
    );
    // The address wins over the name, which tools spell differently from scan to scan.
    expect(fingerprint('Nessus', { ruleId: '1', asset: { ip: '10.0.0.1', hostname: 'a' } })).toBe(
      fingerprint('Nessus', { ruleId: '1', asset: { ip: '10.0.0.1', hostname: 'a.example.edu.tw' } }),
    );
  });

  it('differs by tool, rule, port, protocol, path, query value and component', () => {
    const one = { ruleId: '1', asset: { ip: '10.0.0.1', port: 22, protocol: 'tcp' } };
    const all = [
      fingerprint('Nessus', one),
      fingerprint('OpenVAS', one),
      fingerprint('Nessus', { ...one, ruleId: '2' }),
      fingerprint('Nessus', { ...one, asset: { ...one.asset, port: 23 } }),
      fingerprint('Nessus', { ...one, asset: { ...one.asset, protocol: 'udp' } }),
      fingerprint('Nessus', { ...one, asset: { ...one.asset, component: 'openssl@1.1.1k' } }),
      fingerprint('ZAP', { ruleId: '1', asset: { url: 'https://a.tw/x?id=1' } }),
      fingerprint('ZAP', { ruleId: '1', asset: { url: 'https://a.tw/x?id=2' } }),
      fingerprint('ZAP', { ruleId: '1', asset: { url: 'https://a.tw/y?id=1' } }),
      fingerprint('ZAP', { ruleId: '1', asset: { url: 'https://a.tw:8443/x?id=1' } }),
    ];
    expect(new Set(all).size).toBe(all.length);
  });

  it('ZAP first scan vs second scan of the same target: 83 shared, 41 only first, 40 only second', async () => {
    // The acceptance test of the scans module relies on these: importing the second scan
    // after the first gives 40 new, 83 still open and 41 fixed.
    const first = await parseFixture('zap/zap-results-first-scan.xml');
    const second = await parseFixture('zap/zap-results-second-scan.xml');
    const a = new Set(first.fingerprints);
    const b = new Set(second.fingerprints);
    expect([a.size, b.size]).toEqual([124, 123]);
    expect([...a].filter((f) => b.has(f))).toHaveLength(83);
    expect([...a].filter((f) => !b.has(f))).toHaveLength(41);
    expect([...b].filter((f) => !a.has(f))).toHaveLength(40);
    // Parsing the same file twice gives the same fingerprints, in the same order.
    expect((await parseFixture('zap/zap-results-first-scan.xml')).fingerprints).toEqual(first.fingerprints);
  });

  it('a Nessus finding keeps its fingerprint across the .nessus and Tenable CSV exports (same tool name)', async () => {
    const csv = await parseFixture('nessus/tenable_many_vuln.csv');
    const xml = await parseFixture('nessus/nessus_many_vuln.xml');
    expect(csv.meta.tool).toBe(xml.meta.tool);
  });
});

describe('detectScanFormat', () => {
  const cases: [string, ScanFormat][] = [
    ['nessus/nessus_many_vuln.xml', 'nessus'],
    ['nessus/nessus_was_no_vuln.xml', 'nessus'],
    ['nessus/tenable_many_vuln.csv', 'tenable_csv'],
    ['openvas/many_vuln.xml', 'openvas_xml'],
    ['openvas/report_detail_v2.xml', 'openvas_xml'],
    ['openvas/many_vuln.csv', 'openvas_csv'],
    ['zap/zap-xml-plus-format.xml', 'zap_xml'],
    ['zap/zap-json-sample.json', 'zap_json'],
    ['burp/seven_findings.xml', 'burp_xml'],
    ['nmap/nmap_script_vulners.xml', 'nmap_xml'],
    ['trivy/legacy_many_vulns.json', 'trivy_json'],
    ['trivy/legacy_no_vuln.json', 'trivy_json'],
    ['trivy/scheme_2_no_vuln.json', 'trivy_json'],
    ['sarif/no_runs.sarif', 'sarif'],
    ['sarif/bash-report.sarif', 'sarif'],
    ['generic/generic_report1.csv', 'generic_csv'],
    ['generic/generic_empty.json', 'generic_json'],
  ];
  it.each(cases)('%s is %s, from its first bytes', (name, format) => {
    expect(detectScanFormat(readFileSync(fixture(name)).subarray(0, 64 * 1024))).toBe(format);
  });

  it('does not know other content, and does not look at names', () => {
    expect(detectScanFormat(Buffer.from('<html></html>'))).toBeUndefined();
    expect(detectScanFormat(Buffer.from('{"data": []}'))).toBeUndefined();
    expect(detectScanFormat(Buffer.from('a,b,c\n1,2,3\n'))).toBeUndefined();
    expect(detectScanFormat(Buffer.from('\uFEFF<?xml version="1.0"?>\n<!-- a -->\n<nmaprun/>'))).toBe('nmap_xml');
  });
});
