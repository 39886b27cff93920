import { describe, expect, it } from 'vitest';
import { csvDelimiter } from './csv.js';
import { detectScanFormat } from './detect.js';
import { parseText, refusal, severities } from './test-helpers.js';

/**
 * Real-world variants of the supported formats that the shared samples do not show (found by
 * running the parsers over other public reports of the same tools). Each fixture here is a
 * small synthetic file written for the test, reproducing only the variant's shape.
 */

const csv = (rows: string[][], delimiter = ','): string =>
  rows.map((row) => row.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(delimiter)).join('\r\n');

describe('Tenable CSV dialects', () => {
  it('Tenable.sc export (Plugin, Plugin Name, IP Address, Severity, Risk Factor) is recognised and parsed', async () => {
    const header = [
      'Plugin',
      'Plugin Name',
      'Family',
      'Severity',
      'IP Address',
      'Protocol',
      'Port',
      'DNS Name',
      'Plugin Output',
      'Synopsis',
      'Description',
      'Steps to Remediate',
      'See Also',
      'Risk Factor',
      'CVSS V2 Base Score',
      'CVSS V3 Base Score',
      'CVSS V2 Vector',
      'CVSS V3 Vector',
      'CVE',
      'Cross References',
    ];
    const row = (ip: string, port: string, cve: string) => [
      '42873',
      'SSL Medium Strength Cipher Suites Supported (SWEET32)',
      'General',
      'High',
      ip,
      'TCP',
      port,
      ip === '10.0.0.1' ? 'web01.example.edu.tw' : '',
      'Plugin Output: \n  DES-CBC3-SHA',
      'Medium strength ciphers.',
      'The remote host supports medium strength ciphers.',
      'Reconfigure the affected application.',
      'https://sweet32.info',
      'Medium',
      '5.0',
      '7.5',
      'AV:N/AC:L/Au:N/C:P/I:N/A:N',
      'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
      cve,
      'CWE #327, IAVA #2016-A-0001',
    ];
    const text = csv([
      header,
      row('10.0.0.1', '443', 'CVE-2016-2183'),
      row('10.0.0.1', '443', 'CVE-2016-6329'),
      row('10.0.0.2', '443', 'CVE-2016-2183'),
      row('10.0.0.1', '8443', 'CVE-2016-2183'),
    ]);
    expect(detectScanFormat(Buffer.from(text))).toBe('tenable_csv');
    const { findings, meta } = await parseText(text);
    expect(meta.tool).toBe('Nessus');
    // 4 rows: the first two are one plugin on one host and port (one row per CVE) → 3 findings.
    expect(findings).toHaveLength(3);
    expect(findings[0]).toMatchObject({
      ruleId: '42873',
      title: 'SSL Medium Strength Cipher Suites Supported (SWEET32)',
      // Tenable.sc's Severity (v3-based) wins over the plugin's v2 Risk Factor.
      severity: 'high',
      toolSeverity: 'High',
      cvssScore: 7.5,
      cvssVector: 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
      cves: ['CVE-2016-2183', 'CVE-2016-6329'],
      cwes: ['CWE-327'],
      asset: { ip: '10.0.0.1', hostname: 'web01.example.edu.tw', port: 443, protocol: 'tcp' },
      solution: 'Reconfigure the affected application.',
      references: ['https://sweet32.info'],
    });
    expect(findings.map((f) => [f.asset.ip, f.asset.port])).toEqual([
      ['10.0.0.1', 443],
      ['10.0.0.2', 443],
      ['10.0.0.1', 8443],
    ]);
  });

  it('Tenable.io workbench export: semicolon-separated definition.* / asset.* columns, FIXED rows skipped', async () => {
    const header = [
      'asset.display_fqdn',
      'asset.display_ipv4_address',
      'asset.host_name',
      'asset.tags',
      'definition.cve',
      'definition.cvss3.base_score',
      'definition.cvss3.base_vector',
      'definition.cwe',
      '',
      'definition.description',
      'definition.id',
      'definition.name',
      'definition.see_also',
      'definition.severity',
      'definition.solution',
      'definition.synopsis',
      'output',
      'port',
      'protocol',
      'severity',
      'state',
    ];
    const row = (ip: string, id: string, name: string, state: string, cve = '', cwe = '') => [
      '',
      ip,
      `host-${ip.slice(-1)}`,
      '[{"category":"Office","value":"Taipei; Annex"}]',
      cve,
      '5.9',
      'CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N',
      cwe,
      '',
      'The SSH server supports CBC mode ciphers.',
      id,
      name,
      'http://www.nessus.org/u?b02d91cd, https://datatracker.ietf.org/doc/html/rfc8732',
      'Low',
      'Disable CBC mode ciphers.',
      'CBC mode ciphers are enabled.',
      "'\nThe following CBC algorithms are supported :\n  3des-cbc\n",
      '22',
      'TCP',
      'Medium',
      state,
    ];
    const text = csv(
      [
        header,
        row('10.0.0.6', '70658', 'SSH Server CBC Mode Ciphers Enabled', 'RESURFACED', 'CVE-2008-5161', '200'),
        row('10.0.0.7', '70658', 'SSH Server CBC Mode Ciphers Enabled', 'ACTIVE'),
        row('10.0.0.8', '70658', 'SSH Server CBC Mode Ciphers Enabled', 'FIXED'),
      ],
      ';',
    );
    expect(detectScanFormat(Buffer.from(text))).toBe('tenable_csv');
    const { findings } = await parseText(text);
    // 3 rows, the FIXED one is not a finding → 2.
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({
      ruleId: '70658',
      title: 'SSH Server CBC Mode Ciphers Enabled',
      // The effective `severity` column wins over definition.severity.
      severity: 'medium',
      cvssScore: 5.9,
      cves: ['CVE-2008-5161'],
      cwes: ['CWE-200'],
      asset: { ip: '10.0.0.6', hostname: 'host-6', port: 22, protocol: 'tcp' },
      description: 'CBC mode ciphers are enabled.\n\nThe SSH server supports CBC mode ciphers.',
      solution: 'Disable CBC mode ciphers.',
      references: ['http://www.nessus.org/u?b02d91cd', 'https://datatracker.ietf.org/doc/html/rfc8732'],
    });
    expect(findings[0]?.evidence).toContain('3des-cbc');
    expect(findings[1]?.asset.ip).toBe('10.0.0.7');
  });

  it('Nessus CSV: CWEs from XREF (CWE:16;CWE:200) and the WAS export CVSSv3 column', async () => {
    const text = [
      'Plugin ID,CVE,CVSS,CVSSv3,Risk,Host,Protocol,Port,Name,XREF',
      '11213,CVE-2003-1567,5.0,5.3,Medium,192.0.2.7,tcp,443,HTTP TRACE / TRACK Methods Allowed,CERT:288308;CWE:16;CWE:200',
    ].join('\n');
    const { findings } = await parseText(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ cwes: ['CWE-16', 'CWE-200'], cvssScore: 5.3, severity: 'medium' });
  });
});

describe('CSV separators', () => {
  it('the separator is the header line’s: comma, semicolon or tab', () => {
    expect(csvDelimiter('Title,Severity,Description')).toBe(',');
    expect(csvDelimiter('Title;Severity;Description')).toBe(';');
    expect(csvDelimiter('Title\tSeverity\tDescription')).toBe('\t');
    // Separators inside quotes do not count.
    expect(csvDelimiter('"a;b;c;d",Title,Severity')).toBe(',');
  });

  it('a semicolon-separated generic CSV with a BOM and CRLF (a spreadsheet saved in a comma-decimal locale)', async () => {
    const text =
      '\uFEFFTitle;Severity;Url;Description\r\nDirectory listing;Low;https://www.example.edu.tw/files/;Listing, with a comma\r\n';
    expect(detectScanFormat(Buffer.from(text))).toBe('generic_csv');
    const { findings } = await parseText(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      title: 'Directory listing',
      severity: 'low',
      description: 'Listing, with a comma',
      asset: { url: 'https://www.example.edu.tw/files/' },
    });
  });
});

describe('OpenVAS CSV from the CVE scanner', () => {
  it('an NVT OID that is a CVE ID is also the finding’s CVE', async () => {
    const text = [
      'IP,Hostname,Port,Port Protocol,CVSS,Severity,QoD,Solution Type,NVT Name,Summary,Specific Result,NVT OID,CVEs,Timestamp',
      '192.0.2.9,,,,9.8,High,75,"",CVE-2021-26691,"Apache heap overflow","Found",CVE-2021-26691,"",2024-03-18T21:29:42Z',
      '192.0.2.9,,80,tcp,5.0,Medium,80,"",Some NVT,"x","y",1.3.6.1.4.1.25623.1.0.80091,"",2024-03-18T21:29:42Z',
    ].join('\n');
    const { findings } = await parseText(text);
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({ ruleId: 'CVE-2021-26691', cves: ['CVE-2021-26691'], severity: 'critical' });
    expect(findings[1]?.cves).toEqual([]);
  });
});

describe('Burp extension issues', () => {
  it('two issues of the extension type 134217728 on one URL are two findings, told apart by name', async () => {
    const issue = (serial: string, name: string, severity: string, detail: string) => `
  <issue>
    <serialNumber>${serial}</serialNumber>
    <type>134217728</type>
    <name><![CDATA[${name}]]></name>
    <host ip="192.0.2.30">http://shop.example.edu.tw</host>
    <path><![CDATA[/]]></path>
    <location><![CDATA[/]]></location>
    <severity>${severity}</severity>
    <confidence>Firm</confidence>
    <issueDetail><![CDATA[${detail}]]></issueDetail>
  </issue>`;
    const text = `<?xml version="1.0"?>
<!DOCTYPE issues [
<!ELEMENT issues (issue*)>
<!ATTLIST issues burpVersion CDATA "">
]>
<issues burpVersion="2021.4.2">${issue('1', '[Vulners] Software detected', 'Information', 'nginx 1.19.0')}${issue(
      '2',
      '[Vulners] Vulnerable Software detected',
      'Medium',
      'PHP 5.6.40: <a href="https://vulners.com/cve/CVE-2018-19396">CVE-2018-19396</a>',
    )}
</issues>`;
    const { findings } = await parseText(text);
    expect(findings).toHaveLength(2);
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['134217728:[Vulners] Software detected', 'info'],
      ['134217728:[Vulners] Vulnerable Software detected', 'medium'],
    ]);
    expect(findings[1]?.cves).toEqual(['CVE-2018-19396']);
  });
});

describe('Trivy cluster reports', () => {
  const report = {
    ClusterName: 'prod-cluster',
    Resources: [
      {
        Namespace: 'default',
        Kind: 'Deployment',
        Name: 'web',
        Results: [
          {
            Target: 'nginx:1.19 (debian 10.9)',
            Class: 'os-pkgs',
            Type: 'debian',
            Vulnerabilities: [
              {
                VulnerabilityID: 'CVE-2021-3711',
                PkgName: 'openssl',
                InstalledVersion: '1.1.1d-0+deb10u6',
                FixedVersion: '1.1.1d-0+deb10u7',
                Severity: 'CRITICAL',
                Title: 'openssl: SM2 decryption buffer overflow',
              },
            ],
          },
          {
            Target: 'Deployment/web',
            Class: 'config',
            Type: 'kubernetes',
            Misconfigurations: [
              { ID: 'KSV116', AVDID: 'AVD-KSV-0116', Title: 'Runs with a root GID', Severity: 'LOW', Status: 'FAIL' },
              {
                ID: 'KSV001',
                AVDID: 'AVD-KSV-0001',
                Title: 'Privilege escalation',
                Severity: 'MEDIUM',
                Status: 'PASS',
              },
            ],
          },
        ],
      },
      {
        Namespace: 'shop',
        Kind: 'Deployment',
        Name: 'web',
        Results: [
          {
            Target: 'nginx:1.19 (debian 10.9)',
            Vulnerabilities: [
              {
                VulnerabilityID: 'CVE-2021-3711',
                PkgName: 'openssl',
                InstalledVersion: '1.1.1d-0+deb10u6',
                Severity: 'CRITICAL',
              },
            ],
          },
          {
            Target: 'Deployment/web',
            Misconfigurations: [
              { ID: 'KSV116', AVDID: 'AVD-KSV-0116', Title: 'Runs with a root GID', Severity: 'LOW', Status: 'FAIL' },
            ],
          },
        ],
      },
    ],
  };

  it('is detected, and each resource’s findings are its own', async () => {
    const text = JSON.stringify(report, null, 2);
    expect(detectScanFormat(Buffer.from(text))).toBe('trivy_json');
    const { findings, meta } = await parseText(text);
    expect(meta).toMatchObject({ tool: 'Trivy', scope: ['prod-cluster'] });
    // Per resource: 1 vulnerability + 1 failed misconfiguration (the PASS one is not) → 4.
    expect(findings).toHaveLength(4);
    expect(severities(findings)).toEqual({ critical: 2, low: 2 });
    expect(findings.map((f) => [f.ruleId, f.asset.component])).toEqual([
      ['CVE-2021-3711', 'default/Deployment/web openssl@1.1.1d-0+deb10u6'],
      ['AVD-KSV-0116', 'default/Deployment/web'],
      ['CVE-2021-3711', 'shop/Deployment/web openssl@1.1.1d-0+deb10u6'],
      ['AVD-KSV-0116', 'shop/Deployment/web'],
    ]);
  });

  it('the older cluster layout (before Trivy 0.40: a Vulnerabilities list of resources) too', async () => {
    const text = JSON.stringify({
      ClusterName: 'arn:aws:eks:us-east-1:000000000000:cluster/test',
      Vulnerabilities: [
        {
          Namespace: 'default',
          Kind: 'Deployment',
          Name: 'redis-follower',
          Results: [
            {
              Target: 'redis:6.0.5 (debian 10.4)',
              Vulnerabilities: [
                { VulnerabilityID: 'CVE-2020-27350', PkgName: 'apt', InstalledVersion: '1.8.2.1', Severity: 'MEDIUM' },
              ],
            },
          ],
        },
        {
          Namespace: 'default',
          Kind: 'Deployment',
          Name: 'redis-leader',
          Results: [
            {
              Target: 'redis:6.0.5 (debian 10.4)',
              Vulnerabilities: [
                { VulnerabilityID: 'CVE-2020-27350', PkgName: 'apt', InstalledVersion: '1.8.2.1', Severity: 'MEDIUM' },
              ],
            },
          ],
        },
      ],
    });
    expect(detectScanFormat(Buffer.from(text))).toBe('trivy_json');
    const { findings } = await parseText(text);
    expect(findings.map((f) => f.asset.component)).toEqual([
      'default/Deployment/redis-follower apt@1.8.2.1',
      'default/Deployment/redis-leader apt@1.8.2.1',
    ]);
  });

  it('a cluster-scoped resource (no Namespace) after a namespaced one is not given its namespace', async () => {
    const failing = (id: string) => ({ ID: id, AVDID: `AVD-${id}`, Title: id, Severity: 'MEDIUM', Status: 'FAIL' });
    const text = JSON.stringify({
      ClusterName: 'kind-lab',
      Resources: [
        {
          Namespace: 'default',
          Kind: 'Deployment',
          Name: 'redis-follower',
          Results: [{ Target: 'Deployment/redis-follower', Misconfigurations: [failing('KSV001')] }],
        },
        {
          Kind: 'ClusterRoleBinding',
          Name: 'cluster-admin',
          Results: [{ Target: 'ClusterRoleBinding/cluster-admin', Misconfigurations: [failing('KSV111')] }],
        },
      ],
    });
    const { findings } = await parseText(text);
    expect(findings.map((f) => f.asset.component)).toEqual([
      'default/Deployment/redis-follower',
      'ClusterRoleBinding/cluster-admin',
    ]);
  });

  it('a CVSS v4 score is used when no source gives v3 or v2', async () => {
    const vuln = (id: string, cvss: Record<string, unknown>) => ({
      VulnerabilityID: id,
      PkgName: 'org.apache.tomcat:tomcat-catalina',
      InstalledVersion: '9.0.109',
      Severity: 'MEDIUM',
      SeveritySource: 'ghsa',
      CVSS: cvss,
    });
    const text = JSON.stringify({
      SchemaVersion: 2,
      ArtifactName: 'lib/catalina.jar',
      Results: [
        {
          Target: 'Java',
          Vulnerabilities: [
            vuln('CVE-2025-66614', {
              ghsa: { V40Vector: 'CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N', V40Score: 6.3 },
              redhat: { V3Vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:N/A:N', V3Score: 5.3 },
            }),
            vuln('CVE-2026-24733', {
              ghsa: { V40Vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N/E:U', V40Score: 2.7 },
            }),
          ],
        },
      ],
    });
    const { findings } = await parseText(text);
    expect(findings.map((f) => [f.cvssScore, f.cvssVector?.slice(0, 8)])).toEqual([
      [5.3, 'CVSS:3.1'],
      [2.7, 'CVSS:4.0'],
    ]);
  });

  it('licence results are not findings', async () => {
    const text = JSON.stringify({
      SchemaVersion: 2,
      ArtifactName: 'alpine:3.11',
      Results: [
        {
          Target: 'OS Packages',
          Class: 'license',
          Licenses: [{ Severity: 'HIGH', Category: 'restricted', PkgName: 'busybox', Name: 'GPL-2.0' }],
        },
      ],
    });
    const { findings } = await parseText(text);
    expect(findings).toEqual([]);
  });
});

describe('a file that is not a report', () => {
  it('an unclosed element of an unknown root is refused as an unknown format', async () => {
    expect(await refusal(parseText('<root'))).toEqual({ reason: 'unknown_format' });
  });
});

describe('generic layout: DefectDojo’s later fields', () => {
  it('JSON: cwes, vulnerability_ids, CVSS v4, fix_version are read; EPSS/KEV fields accepted', async () => {
    const text = JSON.stringify({
      name: 'Unit export',
      type: 'Custom tool',
      findings: [
        {
          title: 'Outdated library',
          severity: 'High',
          cwe: 79,
          cwes: [89, 'CWE-79', '22'],
          cve: 'CVE-2020-36234',
          vulnerability_ids: ['GHSA-5mrr-rgp6-x4gr', 'CVE-2021-0001'],
          cvssv4: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
          cvssv4_score: 9.3,
          mitigation: 'Upgrade.',
          fix_available: true,
          fix_version: '2.4.1',
          epss_score: 0.5,
          epss_percentile: 'N/A',
          known_exploited: true,
          ransomware_used: false,
          kev_date: '2024-03-29',
          nb_occurences: 'N/A',
        },
        { title: 'Already fixed', severity: 'Low', is_mitigated: true, mitigated_date: '2024-05-20' },
      ],
    });
    const { findings } = await parseText(text);
    // The second finding is mitigated (fixed in the exporting tool) → not imported.
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'CVE-2020-36234',
      severity: 'high',
      cwes: ['CWE-79', 'CWE-89', 'CWE-22'],
      cves: ['CVE-2020-36234', 'CVE-2021-0001'],
      references: ['GHSA-5mrr-rgp6-x4gr'],
      cvssScore: 9.3,
      cvssVector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      solution: 'Upgrade.\n\nFixed version: 2.4.1',
    });
  });

  it('CSV: the same columns, in any spelling; IsMitigated TRUE rows are not imported', async () => {
    const text = [
      'Date,Title,CweId,Url,Severity,epss_score,CVSSV3,CVSSV3_score,CVSSV4,CVSSV4_score,known_exploited,fix_version,kev_date,IsMitigated,MitigatedDate',
      '2024-05-01,Fixed already,89,https://app.example.edu.tw/login,High,0.5,,9.8,,,TRUE,2.4.1,2024-03-29,TRUE,2024-05-20',
      '2024-05-01,Reflected XSS,79,https://app.example.edu.tw/search,Medium,0.1,CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N,6.1,,,FALSE,,,FALSE,',
      '2024-05-01,Whitespace cells,,,Info, , , , , , , , , , ',
    ].join('\n');
    const { findings } = await parseText(text);
    expect(findings.map((f) => [f.title, f.severity, f.cvssScore])).toEqual([
      ['Reflected XSS', 'medium', 6.1],
      ['Whitespace cells', 'info', undefined],
    ]);
  });

  it('a URL without a scheme is a host and port, not a URL', async () => {
    const text =
      'Title,Severity,Url\nA,Low,www.example.edu.tw\nB,Low,10.0.0.5:8080\nC,Low,intra.example.edu.tw/admin\nD,Low,https://www.example.edu.tw/x\n';
    const { findings } = await parseText(text);
    expect(findings.map((f) => f.asset)).toEqual([
      { hostname: 'www.example.edu.tw' },
      { ip: '10.0.0.5', port: 8080 },
      { hostname: 'intra.example.edu.tw', component: 'intra.example.edu.tw/admin' },
      { url: 'https://www.example.edu.tw/x' },
    ]);
  });

  it('a column outside the layout still refuses the file, naming it', async () => {
    const text = 'Title,Severity,CustomColumnA\nTitle1,Low,x\n';
    expect(await refusal(parseText(text))).toMatchObject({ reason: 'unknown_field', detail: 'row 2: customcolumna' });
  });
});

describe('SARIF from mobile scanners', () => {
  it('a result with several locations is one finding per location, with its CWE from the result properties', async () => {
    const location = (uri: string, line: number, snippet: string) => ({
      physicalLocation: { artifactLocation: { uri }, region: { startLine: line, snippet: { text: snippet } } },
    });
    const text = JSON.stringify({
      runs: [
        {
          tool: {
            driver: {
              name: 'mobsfscan',
              version: '0.0.8',
              rules: [{ id: 'android_logging', name: 'AndroidLogging', helpUri: 'https://example.org/logs' }],
            },
          },
          results: [
            {
              ruleId: 'android_logging',
              ruleIndex: 0,
              level: 'note',
              message: { text: 'The App logs information.' },
              locations: [
                location('app/A.java', 57, 'Log.d("a", e.getMessage());'),
                location('app/A.java', 71, 'Log.d("a", "insert");'),
                location('app/B.java', 12, 'Log.e("b", card);'),
                location('app/A.java', 57, 'Log.d("a", e.getMessage());'),
              ],
              properties: { cwe: 'CWE-532 Insertion of Sensitive Information into Log File', masvs: 'MSTG-STORAGE-3' },
            },
          ],
        },
      ],
    });
    const { findings, meta } = await parseText(text);
    expect(meta).toMatchObject({ tool: 'mobsfscan', toolVersion: '0.0.8' });
    // 4 locations, the last repeating the first → 3 findings.
    expect(findings.map((f) => [f.asset.component, f.evidence])).toEqual([
      ['app/A.java:57', 'Log.d("a", e.getMessage());'],
      ['app/A.java:71', 'Log.d("a", "insert");'],
      ['app/B.java:12', 'Log.e("b", card);'],
    ]);
    expect(findings.every((f) => f.ruleId === 'android_logging' && f.severity === 'low')).toBe(true);
    expect(findings[0]?.cwes).toEqual(['CWE-532']);
  });

  it('Black Duck’s securityRisk is the severity (CRITICAL where the SARIF level says error)', async () => {
    const text = JSON.stringify({
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'Black Duck',
              rules: [{ id: 'BDSA-2023-1005 (CVE-2023-26115)', properties: { tags: ['CWE-1333'] } }],
            },
          },
          results: [
            {
              ruleId: 'BDSA-2023-1005 (CVE-2023-26115)',
              level: 'error',
              message: { text: 'BDSA-2023-1005 (CVE-2023-26115) in word-wrap 1.2.5' },
              locations: [{ physicalLocation: { artifactLocation: { uri: 'npm/word-wrap@1.2.5' } } }],
              properties: { securityRisk: 'CRITICAL', component: 'word-wrap', componentVersion: '1.2.5' },
            },
          ],
        },
      ],
    });
    const { findings } = await parseText(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'critical',
      toolSeverity: 'CRITICAL',
      cves: ['CVE-2023-26115'],
      cwes: ['CWE-1333'],
      asset: { component: 'npm/word-wrap@1.2.5' },
    });
  });

  it('a rule whose help link is a CWE definition gives its results that CWE', async () => {
    const text = JSON.stringify({
      runs: [
        {
          tool: {
            driver: {
              name: 'Python Security Analysis',
              rules: [
                {
                  id: 'taint-xmli',
                  name: 'XML Injection',
                  helpUri: 'https://cwe.mitre.org/data/definitions/91.html',
                  defaultConfiguration: { level: 'error' },
                },
              ],
            },
          },
          results: [
            {
              ruleId: 'taint-xmli',
              message: { text: 'XML injection at parser.py:38' },
              locations: [
                { physicalLocation: { artifactLocation: { uri: 'dojo/parser.py' }, region: { startLine: 35 } } },
              ],
              properties: { issue_severity: 'HIGH' },
            },
          ],
        },
      ],
    });
    const { findings } = await parseText(text);
    expect(findings[0]).toMatchObject({
      cwes: ['CWE-91'],
      severity: 'high',
      asset: { component: 'dojo/parser.py:35' },
    });
  });

  it('a file of two runs without results names the first run’s tool', async () => {
    const text = JSON.stringify({
      version: '2.1.0',
      runs: [
        { tool: { driver: { name: 'CodeScanner' } }, results: [] },
        { tool: { driver: { name: 'OtherScanner' } }, results: [] },
      ],
    });
    const { findings, meta } = await parseText(text);
    expect(findings).toEqual([]);
    expect(meta.tool).toBe('CodeScanner');
  });
});
