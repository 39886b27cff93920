import { describe, expect, it } from 'vitest';
import { parseFixture, parseText, severities } from './test-helpers.js';

/**
 * Every real sample of ../shared/scan-samples (copied to fixtures/) parses, with a count that
 * the comment beside it justifies from the file. One finding is one (vulnerability, affected
 * asset) pair; a finding repeated within one file (same tool, rule and asset) is yielded once.
 */

describe('Nessus .nessus', () => {
  it('nessus_many_vuln.xml: 7 ReportItems on 1 host, all severity 0 → 7 info findings', async () => {
    // 1 ReportHost (preprod.boardvantage.net, 12.233.108.201), 7 ReportItems: 5 on port 0
    // (scan info, device type, CPE, OS, FQDN) and the SYN scanner on 443 and 264, all severity 0.
    const { findings, meta } = await parseFixture('nessus/nessus_many_vuln.xml');
    expect(findings).toHaveLength(7);
    expect(severities(findings)).toEqual({ info: 7 });
    expect(meta).toMatchObject({
      tool: 'Nessus',
      toolVersion: '5.2.1',
      startedAt: new Date('2013-06-25T10:32:42Z'),
      finishedAt: new Date('2013-06-25T10:39:42Z'),
    });
    const syn = findings.filter((f) => f.ruleId === '11219');
    expect(syn.map((f) => f.asset)).toEqual([
      { hostname: 'preprod.boardvantage.net', ip: '12.233.108.201', port: 443, protocol: 'tcp' },
      { hostname: 'preprod.boardvantage.net', ip: '12.233.108.201', port: 264, protocol: 'tcp' },
    ]);
    const info = findings.find((f) => f.ruleId === '19506');
    expect(info?.asset).toEqual({ hostname: 'preprod.boardvantage.net', ip: '12.233.108.201' });
    expect(info?.toolSeverity).toBe('None');
    expect(info?.evidence).toContain('Nessus version : 5.2.1');
  });

  it('nessus_was_many_vuln.xml: 5 WAS ReportItems → 1 high, 3 low, 1 info, on URLs', async () => {
    // Tenable WAS: ReportHost "http://google.com/", 5 ReportItems with severity 3, 0, 1, 1, 1.
    const { findings, meta } = await parseFixture('nessus/nessus_was_many_vuln.xml');
    expect(findings).toHaveLength(5);
    expect(severities(findings)).toEqual({ high: 1, low: 3, info: 1 });
    const xss = findings.find((f) => f.ruleId === '98104');
    expect(xss).toMatchObject({
      title: 'Cross-Site Scripting (XSS)',
      severity: 'high',
      cvssScore: 7.1,
      cwes: ['CWE-79'],
      asset: { url: 'http://google.com/search.jsp', port: 80, protocol: 'tcp' },
    });
    expect(xss?.references).toHaveLength(2);
    expect(findings.find((f) => f.ruleId === '98060')?.cwes).toEqual(['CWE-693']);
    expect(meta.startedAt).toEqual(new Date('2021-03-12T12:34:30.120Z'));
    expect(meta.scope).toEqual(['http://google.com/']);
  });

  it('nessus_was_one_vuln.xml: 1 ReportItem (XSS, severity 3) → 1 high', async () => {
    const { findings } = await parseFixture('nessus/nessus_was_one_vuln.xml');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: '98104', severity: 'high', toolSeverity: 'high' });
  });

  it('nessus_was_no_vuln.xml: a host without ReportItems → 0 findings', async () => {
    const { findings, meta } = await parseFixture('nessus/nessus_was_no_vuln.xml');
    expect(findings).toEqual([]);
    expect(meta.tool).toBe('Nessus');
  });
});

describe('Nessus compliance audits (no sample: a made-up file in the shape Nessus writes)', () => {
  it('one finding per failed or warning check, passed checks left out', async () => {
    const item = (
      id: string,
      result: string,
    ) => `<ReportItem port="0" svc_name="general" protocol="tcp" severity="3" pluginID="21156" pluginName="Windows Compliance Checks" pluginFamily="Policy Compliance">
<cm:compliance-check-name>1.1.${id} Ensure password history</cm:compliance-check-name>
<cm:compliance-check-id>abc${id}</cm:compliance-check-id>
<cm:compliance-result>${result}</cm:compliance-result>
</ReportItem>`;
    const file = `<?xml version="1.0" ?><NessusClientData_v2><Report name="r" xmlns:cm="http://www.nessus.org/cm">
<ReportHost name="10.0.0.5"><HostProperties><tag name="host-ip">10.0.0.5</tag></HostProperties>
${item('1', 'FAILED')}${item('2', 'PASSED')}${item('3', 'WARNING')}
</ReportHost></Report></NessusClientData_v2>`;
    const { findings } = await parseText(file);
    expect(findings.map((f) => [f.title, f.asset.component])).toEqual([
      ['1.1.1 Ensure password history', 'compliance:abc1'],
      ['1.1.3 Ensure password history', 'compliance:abc3'],
    ]);
  });
});

describe('Tenable CSV', () => {
  it('tenable_many_vuln.csv: 22 rows → 9 findings (one per plugin and host, CVE rows merged)', async () => {
    // 22 rows: 2 blank (",,,"), and 20 rows of 7 plugins over 2 hosts, one row per CVE:
    // host 127.0.0.1: 176700 (1 CVE), 176703 (10 rows, 10 CVEs), 176711, 164329, 176699,
    // 176705 (3 rows), 176717 = 7 findings; host 192.168.1.110: 164329, 176699 = 2 findings.
    // Risk: 176700, 176703, 176711 High; the others Medium → 3 high, 6 medium.
    const { findings, meta } = await parseFixture('nessus/tenable_many_vuln.csv');
    expect(findings).toHaveLength(9);
    expect(severities(findings)).toEqual({ high: 3, medium: 6 });
    const mariadb = findings.find((f) => f.ruleId === '176703');
    expect(mariadb?.cves).toHaveLength(10);
    expect(mariadb?.cves.slice(0, 2)).toEqual(['CVE-2021-46666', 'CVE-2021-46663']);
    expect(mariadb).toMatchObject({
      cvssScore: 7.5,
      toolSeverity: 'High',
      asset: { hostname: 'ip-127-0-0-1.us-west-2.compute.internal', ip: '127.0.0.1' },
    });
    expect(findings.find((f) => f.ruleId === '176705')?.cves).toEqual([
      'CVE-2022-21216',
      'CVE-2022-33972',
      'CVE-2022-38090',
    ]);
    expect(findings.filter((f) => f.ruleId === '164329').map((f) => f.asset.ip)).toEqual([
      '127.0.0.1',
      '192.168.1.110',
    ]);
    expect(meta).toMatchObject({ tool: 'Nessus', startedAt: new Date('2023-06-08T01:07:18.371Z') });
  });
});

describe('OpenVAS / Greenbone', () => {
  it('many_vuln.xml: 44 results on one host → 44 findings by CVSS score', async () => {
    // 44 results, all on host "192.168.1.1001" (not a valid address, so not an IP) named
    // b6b9f466d63, each a distinct (NVT, port). Severity scores: 10.0 ×5, 9.3, 9.0 ×2 →
    // 8 critical; 8.1 ×2, 7.5 ×8, 7.4 → 11 high; 4.0–6.8 → 25 medium.
    const { findings, meta } = await parseFixture('openvas/many_vuln.xml');
    expect(findings).toHaveLength(44);
    expect(severities(findings)).toEqual({ critical: 8, high: 11, medium: 25 });
    expect(new Set(findings.map((f) => f.asset.hostname))).toEqual(new Set(['b6b9f466d63']));
    expect(findings.some((f) => f.asset.ip)).toBe(false);
    const rexec = findings.find((f) => f.ruleId === '1.3.6.1.4.1.25623.1.0.100111');
    expect(rexec).toMatchObject({
      title: 'The rexec service is running',
      severity: 'critical',
      toolSeverity: 'High',
      cvssScore: 10,
      cves: ['CVE-1999-0618'],
      asset: { hostname: 'b6b9f466d63', port: 512, protocol: 'tcp' },
    });
    expect(meta).toMatchObject({
      tool: 'OpenVAS',
      toolVersion: '9.0',
      startedAt: new Date('2023-09-26T10:50:34Z'),
      finishedAt: new Date('2023-09-26T13:04:00Z'),
    });
  });

  it('one_vuln.xml: 1 result (Firefox, severity 10.0, 12 CVEs) → 1 critical', async () => {
    const { findings } = await parseFixture('openvas/one_vuln.xml');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'critical', asset: { ip: '10.0.101.2' } });
    expect(findings[0]?.cves).toHaveLength(12);
  });

  it('report_detail_v2.xml: 1 result with its CVSS 3.1 vector and every CVE ref', async () => {
    // GMP 22.6: one result on 10.99.99.99 port 42/tcp, severity 9.8, 100+ CVE refs.
    const { findings, meta } = await parseFixture('openvas/report_detail_v2.xml');
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({
      ruleId: '1.3.6.1.4.1.25623.1.0.836484',
      severity: 'critical',
      cvssScore: 9.8,
      cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      asset: { ip: '10.99.99.99', hostname: 'server99', port: 42, protocol: 'tcp' },
    });
    expect(finding?.cves.length).toBeGreaterThan(60);
    expect(finding?.cves).toContain('CVE-2025-47981');
    expect(finding?.cves).toContain('CVE-2025-49659');
    expect(meta.toolVersion).toBe('22.6');
    expect(meta.finishedAt).toEqual(new Date('2025-08-22T15:09:57Z'));
  });

  it('no_vuln.xml: no result → 0 findings', async () => {
    expect((await parseFixture('openvas/no_vuln.xml')).findings).toEqual([]);
  });

  it('many_vuln.csv: 4 rows → 4 findings', async () => {
    // LOGSRV 192.168.118.212: TCP timestamps (2.6 low, no port), DH (4.0) and TLS 1.0/1.1
    // (4.3, 2 CVEs) on 9200/tcp (medium), default credentials (9.0 → critical, tool "High").
    const { findings } = await parseFixture('openvas/many_vuln.csv');
    expect(findings).toHaveLength(4);
    expect(severities(findings)).toEqual({ low: 1, medium: 2, critical: 1 });
    expect(findings[0]?.asset).toEqual({ hostname: 'logsrv', ip: '192.168.118.212' });
    expect(findings[2]?.cves).toEqual(['CVE-2011-3389', 'CVE-2015-0204']);
    expect(findings[3]).toMatchObject({ toolSeverity: 'High', severity: 'critical', asset: { port: 9200 } });
  });
});

describe('OWASP ZAP', () => {
  it('zap-results-first-scan.xml: 124 findings, one per alert and distinct URI', async () => {
    // 1 site, alerts whose instances list 124 distinct (alertRef, URI) pairs once repeated
    // URIs are merged (alert 10031 lists product.jsp?prodid=10 twice).
    const { findings, meta } = await parseFixture('zap/zap-results-first-scan.xml');
    expect(findings).toHaveLength(124);
    expect(severities(findings)).toEqual({ info: 46, low: 48, medium: 25, high: 5 });
    expect(findings.filter((f) => f.ruleId === '10031')).toHaveLength(10);
    expect(findings[0]).toMatchObject({
      ruleId: '10031',
      severity: 'info',
      toolSeverity: 'Informational',
      asset: {
        hostname: 'bodgeit.securecodebox-demo.svc',
        port: 8080,
        url: 'http://bodgeit.securecodebox-demo.svc:8080/bodgeit/product.jsp?prodid=22',
      },
    });
    expect(findings[0]?.evidence).toContain('Parameter: prodid');
    expect(meta).toMatchObject({
      tool: 'OWASP ZAP',
      toolVersion: '2.10.0',
      finishedAt: new Date('2021-06-20T09:30:00Z'),
    });
  });

  it('zap-results-second-scan.xml: 123 findings', async () => {
    const { findings } = await parseFixture('zap/zap-results-second-scan.xml');
    expect(findings).toHaveLength(123);
    expect(severities(findings)).toEqual({ info: 43, low: 50, medium: 25, high: 5 });
  });

  it('0_zap_sample.xml and some_2.9.0.xml: 7 findings each, CWEs kept', async () => {
    const zero = await parseFixture('zap/0_zap_sample.xml');
    expect(zero.findings).toHaveLength(7);
    expect(severities(zero.findings)).toEqual({ low: 6, medium: 1 });
    expect(zero.findings[0]).toMatchObject({ ruleId: '10011', title: 'Cookie Without Secure Flag', cwes: ['CWE-614'] });
    const some = await parseFixture('zap/some_2.9.0.xml');
    expect(some.findings).toHaveLength(7);
    expect(severities(some.findings)).toEqual({ low: 5, medium: 1, info: 1 });
  });

  it('zap-xml-plus-format.xml: request and response go to the evidence, bounded', async () => {
    const { findings, meta } = await parseFixture('zap/zap-xml-plus-format.xml');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: '90028', severity: 'medium', toolSeverity: 'Medium' });
    expect(findings[0]?.evidence).toContain(
      '--- Request ---\nPUT http://localhost:8080/bodgeit/js/qndto7n63d HTTP/1.1',
    );
    expect(findings[0]?.evidence).toContain('HTTP/1.1 403 Forbidden');
    expect(findings[0]?.evidence?.length).toBeLessThanOrEqual(32 * 1024 + 20);
    // "Fr., 30 Sep. 2022 08:40:35" is localised: no time is guessed.
    expect(meta.finishedAt).toBeUndefined();
  });

  it('empty_2.9.0.xml: a site without alerts → 0 findings', async () => {
    const { findings, meta } = await parseFixture('zap/empty_2.9.0.xml');
    expect(findings).toEqual([]);
    expect(meta.scope).toEqual(['https://isaac.nl']);
  });

  it('zap-json-sample.json (traditional-json): 4 findings over 2 sites', async () => {
    // Cookie alert: 3 instances, two on /dashboard (one with a fragment) → 2 URIs; the
    // clickjacking alert (alertRef 10020-1) 1; XSS 1 on the second site → 4.
    const { findings, meta } = await parseFixture('zap/zap-json-sample.json');
    expect(findings).toHaveLength(4);
    expect(severities(findings)).toEqual({ low: 2, medium: 1, high: 1 });
    expect(findings.map((f) => f.asset.url)).toEqual([
      'https://mainsite.com/dashboard',
      'https://mainsite.com/login?a=1&b=2',
      'https://mainsite.com/',
      'http://intranet.example.edu.tw:8080/search?q=test',
    ]);
    expect(findings[0]?.evidence).toContain('Parameter: JSESSIONID, lang');
    expect(findings[2]).toMatchObject({ ruleId: '10020-1', cwes: ['CWE-1021'] });
    expect(findings[3]).toMatchObject({ ruleId: '40012', severity: 'high', cwes: ['CWE-79'] });
    expect(findings[3]?.references).toEqual([
      'https://owasp.org/www-community/attacks/xss/',
      'https://cwe.mitre.org/data/definitions/79.html',
    ]);
    expect(findings[0]?.description).toBe(
      'A cookie has been set without the secure flag, which means that the cookie can be accessed via unencrypted connections.',
    );
    expect(meta).toMatchObject({
      tool: 'OWASP ZAP',
      toolVersion: '2.11.1',
      scope: ['https://mainsite.com', 'http://intranet.example.edu.tw:8080'],
    });
  });
});

describe('Burp XML', () => {
  it('one_finding.xml: 3 SQL injection issues at 3 locations → 3 findings', async () => {
    // Burp names it for DefectDojo's aggregation by type; it holds 3 issues of type 1049088:
    // basket.jsp [b_id cookie], login.jsp [password parameter], login.jsp [username parameter].
    const { findings, meta } = await parseFixture('burp/one_finding.xml');
    expect(findings).toHaveLength(3);
    expect(findings.map((f) => [f.asset.url, f.asset.component])).toEqual([
      ['http://bwa/bodgeit/basket.jsp', 'b_id cookie'],
      ['http://bwa/bodgeit/login.jsp', 'password parameter'],
      ['http://bwa/bodgeit/login.jsp', 'username parameter'],
    ]);
    expect(findings[0]).toMatchObject({
      ruleId: '1049088',
      severity: 'high',
      toolSeverity: 'High',
      toolFindingId: '7121655797013284864',
      asset: { ip: '192.168.187.137', hostname: 'bwa' },
    });
    // The base64 request is decoded into the evidence.
    expect(findings[0]?.evidence).toContain('--- Request ---\nPOST /bodgeit/basket.jsp HTTP/1.1');
    expect(meta).toMatchObject({ tool: 'Burp Suite', toolVersion: '1.6.05' });
  });

  it('one_finding_with_blank_response.xml: 1 issue, an empty response → 1 finding', async () => {
    const { findings } = await parseFixture('burp/one_finding_with_blank_response.xml');
    expect(findings).toHaveLength(1);
    expect(findings[0]?.evidence).toContain('--- Request ---');
    expect(findings[0]?.evidence).not.toContain('--- Response ---');
  });

  it('seven_findings.xml: 16 issues at 16 distinct (type, location) → 16 findings', async () => {
    // 7 issue types (DefectDojo's "seven"), 16 issues: frameable response ×3, no charset ×6,
    // SQL injection ×3, XSS, cleartext password, autocomplete, cookie without HttpOnly.
    const { findings } = await parseFixture('burp/seven_findings.xml');
    expect(findings).toHaveLength(16);
    expect(new Set(findings.map((f) => f.ruleId)).size).toBe(7);
    expect(severities(findings)).toEqual({ info: 9, high: 5, low: 2 });
  });
});

describe('Nmap XML', () => {
  it('nmap_script_vulners.xml: 2 vulners CVE rows on 5022/tcp → 2 medium findings', async () => {
    const { findings, meta } = await parseFixture('nmap/nmap_script_vulners.xml');
    expect(findings).toHaveLength(2);
    expect(findings.map((f) => f.ruleId)).toEqual(['CVE-2018-15919', 'CVE-2017-15906']);
    expect(findings[0]).toMatchObject({
      severity: 'medium',
      cvssScore: 5,
      cves: ['CVE-2018-15919'],
      asset: { ip: '192.168.0.1', port: 5022, protocol: 'tcp', component: 'cpe:/a:openbsd:openssh:7.4' },
    });
    expect(meta).toMatchObject({
      tool: 'Nmap',
      toolVersion: '7.60',
      startedAt: new Date(1581930445 * 1000),
      finishedAt: new Date(1581930455 * 1000),
      scope: ['192.168.0.1'],
    });
  });

  it('nmap_multiple_port.xml: 13 open ports without vulners → 13 info findings', async () => {
    const { findings } = await parseFixture('nmap/nmap_multiple_port.xml');
    expect(findings).toHaveLength(13);
    expect(severities(findings)).toEqual({ info: 13 });
    expect(findings[0]).toMatchObject({
      ruleId: 'open-port',
      title: 'Open port 21/tcp: ftp',
      asset: { ip: '198.38.82.159', hostname: 'joaquinlp.me', port: 21, protocol: 'tcp' },
    });
  });

  it('nmap_1port.xml: 1 open port → 1; nmap_0port.xml: none open → 0', async () => {
    expect((await parseFixture('nmap/nmap_1port.xml')).findings).toHaveLength(1);
    expect((await parseFixture('nmap/nmap_0port.xml')).findings).toEqual([]);
  });
});

describe('Trivy JSON', () => {
  it('legacy_many_vulns.json (top-level array): 93 vulnerabilities → 93 findings', async () => {
    // 1 target (debian 10.8), 93 vulnerabilities, each a distinct (ID, package@version):
    // 65 LOW, 18 HIGH, 9 MEDIUM, 1 UNKNOWN (→ info).
    const { findings, meta } = await parseFixture('trivy/legacy_many_vulns.json');
    expect(findings).toHaveLength(93);
    expect(severities(findings)).toEqual({ low: 65, high: 18, medium: 9, info: 1 });
    expect(findings[0]).toMatchObject({
      ruleId: 'CVE-2011-3374',
      severity: 'low',
      toolSeverity: 'LOW',
      cves: ['CVE-2011-3374'],
      cwes: ['CWE-347'],
      cvssScore: 3.7,
      cvssVector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:L/A:N',
      asset: { component: 'apt@1.8.2.2' },
    });
    expect(meta).toMatchObject({ tool: 'Trivy', scope: ['debian (debian 10.8)'] });
  });

  it('legacy_no_vuln.json (`null`) and scheme_2_no_vuln.json → 0 findings', async () => {
    expect((await parseFixture('trivy/legacy_no_vuln.json')).findings).toEqual([]);
    const v2 = await parseFixture('trivy/scheme_2_no_vuln.json');
    expect(v2.findings).toEqual([]);
    expect(v2.meta.scope).toEqual(['trivy-unittest:latest']);
  });

  it('scheme_2_many_vulns.json: 3 + 0 + 2 vulnerabilities over 3 targets → 5', async () => {
    const { findings } = await parseFixture('trivy/scheme_2_many_vulns.json');
    expect(findings).toHaveLength(5);
    expect(severities(findings)).toEqual({ medium: 3, high: 1, critical: 1 });
    expect(findings.every((f) => f.asset.component?.includes('@'))).toBe(true);
    expect(findings.filter((f) => f.solution?.startsWith('Upgrade '))).not.toHaveLength(0);
  });

  it('all_statuses.json: 8 vulnerabilities, the not_affected one skipped → 7', async () => {
    const { findings, meta } = await parseFixture('trivy/all_statuses.json');
    expect(findings).toHaveLength(7);
    expect(severities(findings)).toEqual({ low: 7 });
    expect(meta.startedAt).toEqual(new Date('2024-01-15T08:58:29.827Z'));
  });

  it('misconfigurations_and_secrets.json: 2 vulnerabilities, 1 failed misconfiguration, 2 secrets → 5', async () => {
    const { findings } = await parseFixture('trivy/misconfigurations_and_secrets.json');
    expect(findings).toHaveLength(5);
    expect(severities(findings)).toEqual({ high: 2, medium: 1, critical: 2 });
    const secrets = findings.filter((f) => f.title.startsWith('Secret: '));
    expect(secrets).toHaveLength(2);
    expect(secrets.map((f) => f.asset.component)).toEqual([
      expect.stringMatching(/^Dockerfile:\d+$/),
      expect.stringMatching(/^secret\.txt:\d+$/),
    ]);
    const misconfiguration = findings.find(
      (f) => f.asset.component?.startsWith('Dockerfile') && !f.title.startsWith('Secret'),
    );
    expect(misconfiguration?.severity).toBe('high');
  });
});

describe('SARIF 2.1', () => {
  it('appendix_k.sarif: 1 result of rule C2001 (error) → 1 high, message from the rule template', async () => {
    const { findings, meta } = await parseFixture('sarif/appendix_k.sarif');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'C2001',
      title: 'A variable was used without being initialized.',
      severity: 'high',
      toolSeverity: 'error',
      asset: { component: 'collections/list.h:15' },
      evidence: 'add_core(ptr, offset, val);\n    return;',
    });
    expect(findings[0]?.description).toContain('Variable "ptr" was used without being initialized.');
    expect(meta).toMatchObject({
      tool: 'CodeScanner',
      toolVersion: '2.1',
      startedAt: new Date('2016-07-16T14:18:25Z'),
      finishedAt: new Date('2016-07-16T14:19:01Z'),
    });
  });

  it('bash-report.sarif: 27 ShellCheck results on 12 distinct (rule, file:line) → 12 low', async () => {
    // ShellCheck reports a rule once per column; 15 results repeat a rule on a line already seen.
    const { findings, meta } = await parseFixture('sarif/bash-report.sarif');
    expect(findings).toHaveLength(12);
    expect(severities(findings)).toEqual({ low: 12 });
    expect(findings[0]?.references).toContain('https://github.com/koalaman/shellcheck/wiki/SC2076');
    expect(meta.tool).toBe('Shell Script Analysis');
  });

  it('dependency_check.sarif: 13 results → 13, severity from the tool word or CVSS v3', async () => {
    // 4 RetireJS results with a severity word (1 low, 3 medium), 9 NVD CVE results with
    // cvssv3_baseScore 6.1 (medium).
    const { findings } = await parseFixture('sarif/dependency_check.sarif');
    expect(findings).toHaveLength(13);
    expect(severities(findings)).toEqual({ low: 1, medium: 12 });
    const cve = findings.find((f) => f.ruleId === 'CVE-2012-6708');
    expect(cve).toMatchObject({ cves: ['CVE-2012-6708'], cvssScore: 6.1 });
    expect(cve?.asset.component).toMatch(/jquery-1\.8\.0\.min\.js$/);
  });

  it('gitleaks_7.5.0.sarif: 8 results (each secret once per commit) → 4, rule from the message', async () => {
    const { findings } = await parseFixture('sarif/gitleaks_7.5.0.sarif');
    expect(findings).toHaveLength(4);
    expect(findings[0]?.ruleId).toMatch(/^message:[0-9a-f]{16}$/);
    expect(findings[0]?.title).toBe('AWS Access Key secret detected');
  });

  it('appendix_k1.sarif (no results) and no_runs.sarif (no runs) → 0', async () => {
    const k1 = await parseFixture('sarif/appendix_k1.sarif');
    expect(k1.findings).toEqual([]);
    expect(k1.meta.tool).toBe('CodeScanner');
    const none = await parseFixture('sarif/no_runs.sarif');
    expect(none.findings).toEqual([]);
    expect(none.meta.tool).toBe('SARIF');
  });
});

describe('generic layout', () => {
  it('generic_report1.csv: 5 rows, one title on 5 URLs → 5 low findings', async () => {
    const { findings, meta } = await parseFixture('generic/generic_report1.csv');
    expect(findings).toHaveLength(5);
    expect(severities(findings)).toEqual({ low: 5 });
    expect(findings.map((f) => f.cwes[0])).toEqual(['CWE-1', 'CWE-2', 'CWE-3', 'CWE-4', 'CWE-5']);
    expect(findings[1]).toMatchObject({
      title: 'ASDF',
      asset: { url: 'https://vulnerable.endpoint.com/resource2/qwerty' },
      solution: 'Some mitigation advice',
    });
    expect(findings[0]?.ruleId).toMatch(/^title:[0-9a-f]{16}$/);
    expect(meta.tool).toBe('Generic');
  });

  it('generic_report1.json: 2 findings with CVE, CWE, CVSS vector and tool IDs', async () => {
    const { findings } = await parseFixture('generic/generic_report1.json');
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({
      ruleId: 'TEST1',
      severity: 'medium',
      cves: ['CVE-2020-36234'],
      cwes: ['CWE-261'],
      cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:R/S:C/C:L/I:L/A:N',
      toolFindingId: '3287f2d0-554f-491b-8516-3c349ead8ee5',
    });
    expect(findings[0]?.description).toContain("à qu'il est beau");
  });

  it('generic_empty.json: one empty object → 0 findings', async () => {
    expect((await parseFixture('generic/generic_empty.json')).findings).toEqual([]);
  });
});
