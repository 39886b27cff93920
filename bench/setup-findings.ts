/**
 * Fills scans and findings for the findings-list benchmark (issue 9), on a database that
 * bench/setup-registry.ts has filled (20,000 systems): PER_SYSTEM findings for every system
 * (default 50, so 1,000,000 over 20,000 systems), written with set-based SQL
 * (INSERT … SELECT over generate_series), in chunks of systems.
 *
 * Each system has four scans by two tools: an older one by each tool (60 to 390 days ago)
 * and a recent one by each (0 to 45 days ago). A finding is first seen by the older scan of
 * its tool; a fixed one was found fixed by the recent scan, the others were seen again by it.
 * The mix, drawn from a hash of the finding's number (so every run gives the same data):
 * - tool: seven tools, two per system (Nessus most, then OpenVAS, ZAP, Trivy, SARIF, Burp, Nmap);
 * - severity: 3 % critical, 12 % high, 35 % medium, 20 % low, 30 % info;
 * - state: 45 % open, 35 % fixed, 10 % verified fixed, 5 % false positive, 5 % risk accepted
 *   (half of those approved by the Ministry);
 * - due day: first seen + 7 / 30 / 90 / 180 days by severity, none for info (so many open
 *   findings are overdue, as on a real backlog);
 * - CVEs: 40 % of findings name one to three, from a pool of 21,000; the log4j titles name
 *   CVE-2021-44228 (a CVE that thousands of findings share);
 * - titles: 60 real scanner titles, shared across systems as real plugins are.
 *
 * Usage: DATA_DIR=dir [DATABASE_URL=postgres://…] [PER_SYSTEM=50] \
 *   node --conditions=development --import tsx bench/setup-findings.ts
 * Prints one JSON line: { "counts": {...}, "sample": { systemId, orgId, rareCve, ruleId } }.
 */
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../apps/server/src/db/client.js';

const PER_SYSTEM = Number(process.env.PER_SYSTEM ?? '50');
/** Systems per INSERT statement (bounds PGlite's memory per statement). */
const CHUNK = Number(process.env.CHUNK ?? '2000');

const TITLES = [
  'SSL Certificate Cannot Be Trusted',
  'SSL Self-Signed Certificate',
  'TLS Version 1.0 Protocol Detection',
  'TLS Version 1.1 Deprecated Protocol',
  'SSL Medium Strength Cipher Suites Supported (SWEET32)',
  'OpenSSL 3.0.x < 3.0.7 Multiple Vulnerabilities',
  'OpenSSL 1.1.1 < 1.1.1t Multiple Vulnerabilities',
  'OpenSSH < 9.6 Multiple Vulnerabilities (Terrapin)',
  'Apache HTTP Server 2.4.x < 2.4.58 Multiple Vulnerabilities',
  'Apache Log4j < 2.15.0 Remote Code Execution (Log4Shell)',
  'Apache Log4j 2.x < 2.17.1 Remote Code Execution',
  'Apache Tomcat 9.0.x < 9.0.83 Multiple Vulnerabilities',
  'nginx 1.x < 1.25.3 HTTP/2 Rapid Reset',
  'PHP 7.4.x < 7.4.33 Multiple Vulnerabilities',
  'PHP Unsupported Version Detection',
  'Microsoft Windows SMB Signing not required',
  'Microsoft Windows Security Update (KB5034441)',
  'Microsoft IIS Tilde Character Short File Name Disclosure',
  'MySQL 5.7.x < 5.7.44 Multiple Vulnerabilities',
  'PostgreSQL 12.x < 12.17 Multiple Vulnerabilities',
  'jQuery 1.2 < 3.5.0 Multiple XSS',
  'Bootstrap < 3.4.1 / 4.3.x < 4.3.1 XSS',
  'Cross Site Scripting (Reflected)',
  'Cross Site Scripting (Persistent)',
  'SQL Injection',
  'SQL Injection - MySQL',
  'Path Traversal',
  'Remote OS Command Injection',
  'Server Side Request Forgery',
  'Missing Anti-clickjacking Header',
  'Content Security Policy (CSP) Header Not Set',
  'Strict-Transport-Security Header Not Set',
  'X-Content-Type-Options Header Missing',
  'Cookie without SameSite Attribute',
  'Cookie No HttpOnly Flag',
  'Absence of Anti-CSRF Tokens',
  'Server Leaks Version Information via "Server" HTTP Response Header Field',
  'Application Error Disclosure',
  'Information Disclosure - Debug Error Messages',
  'Vulnerable JS Library',
  'Web Server Directory Enumeration',
  'Web Application Potentially Vulnerable to Clickjacking',
  'HTTP TRACE / TRACK Methods Allowed',
  'Browsable Web Directories',
  'DNS Server Cache Snooping Remote Information Disclosure',
  'SNMP Agent Default Community Name (public)',
  'NTP ntpd Mode 7 Error Response Packet Loop DoS',
  'Unsupported Unix Operating System',
  'Unsupported Windows OS',
  "Terminal Services Doesn't Use Network Level Authentication (NLA) Only",
  'Remote Desktop Protocol Server Man-in-the-Middle Weakness',
  'Samba Badlock Vulnerability',
  'VMware vCenter Server Multiple Vulnerabilities',
  'glibc: buffer overflow in ld.so (Looney Tunables)',
  'curl: heap based buffer overflow in the SOCKS5 proxy handshake',
  'libwebp: heap buffer overflow',
  'zlib: heap-based buffer over-read and overflow in inflate',
  'expat: XML Entity Expansion',
  'Hard-coded credentials',
  'Use of a broken or risky cryptographic algorithm',
];
const LOG4J_TITLES = [9, 10]; // 0-based indexes of the log4j titles above

/** Tools in the order of their weight; each system gets two of them. */
const TOOLS = [
  'Nessus',
  'Nessus',
  'Nessus',
  'OpenVAS',
  'OpenVAS',
  'OWASP ZAP',
  'OWASP ZAP',
  'Trivy',
  'CodeScanner',
  'Burp Suite',
  'Nmap',
];

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = process.env.DATA_DIR;
  if (!databaseUrl && !dataDir) {
    throw new Error('Set DATA_DIR (PGlite) or DATABASE_URL (PostgreSQL)');
  }
  const handle = await openDatabase({ databaseUrl, pgliteDir: databaseUrl ? undefined : dataDir });
  try {
    await handle.migrate();
    const db = handle.db;
    await db.execute(sql`drop table if exists bench_systems`);
    await db.execute(sql`create table bench_systems as
      select id, org_id, row_number() over (order by id)::int as n from systems`);
    await db.execute(sql`create unique index on bench_systems (n)`);
    const [{ systems = 0 } = {}] = await queryRows<{ systems: number }>(
      db,
      sql`select count(*)::int as systems from bench_systems`,
    );
    const titles = sql.param(TITLES);
    const tools = sql.param(TOOLS);
    const started = Date.now();
    for (let from = 1; from <= systems; from += CHUNK) {
      const to = Math.min(systems, from + CHUNK - 1);
      await db.transaction(async (tx) => {
        // Four scans a system: k = 1, 2 older (tool A, B), k = 3, 4 recent (tool A, B).
        await tx.execute(sql`
          insert into scans (org_id, system_id, tool, format, taken_at, finished_at, scope, file_key, file_name,
            file_size, file_sha256, finding_count, summary, created_at)
          select s.org_id, s.id, (${tools}::text[])[1 + (s.n * 7 + ((k - 1) % 2) * 5) % ${TOOLS.length}::int],
            'bench', t.at, t.at, array['10.' || (s.n / 256) % 256 || '.' || s.n % 256 || '.0/24'],
            'bench/' || s.n || '-' || k, 'scan-' || s.n || '-' || k || '.xml', 1000000,
            md5(s.n || '-' || k) || md5(k || '-' || s.n), ${PER_SYSTEM}::int / 2, '{}'::jsonb, t.at
          from bench_systems s cross join generate_series(1, 4) k
          cross join lateral (select now() - (case when k <= 2 then 60 + (s.n * 13 + k) % 330
                                                   else (s.n * 7 + k) % 45 end || ' days')::interval as at) t
          where s.n between ${from}::int and ${to}::int`);
        await tx.execute(sql`
          with f as (
            select s.id as system_id, s.org_id, s.n, i, (s.n - 1) * ${PER_SYSTEM}::int + i as g,
              1 + i % 2 as side
            from bench_systems s cross join generate_series(1, ${PER_SYSTEM}::int) i
            where s.n between ${from}::int and ${to}::int),
          r as (
            select f.*, abs(hashtext('sev' || g)) % 1000 as r_sev, abs(hashtext('state' || g)) % 1000 as r_state,
              abs(hashtext('cve' || g)) % 1000 as r_cve, abs(hashtext('rule' || g)) % 1500 as rule_no,
              old.id as old_scan, old.tool, old.taken_at as old_at, new.id as new_scan
            from f
            join scans old on old.system_id = f.system_id and old.file_key = 'bench/' || f.n || '-' || f.side
            join scans new on new.system_id = f.system_id and new.file_key = 'bench/' || f.n || '-' || (f.side + 2)),
          v as (
            select r.*,
              case when r_sev < 30 then 'critical' when r_sev < 150 then 'high' when r_sev < 500 then 'medium'
                   when r_sev < 700 then 'low' else 'info' end as severity,
              case when r_state < 450 then 'open' when r_state < 800 then 'fixed' when r_state < 900 then 'verified_fixed'
                   when r_state < 950 then 'false_positive' else 'risk_accepted' end as state,
              rule_no % ${TITLES.length}::int as title_no
            from r)
          insert into scan_findings (org_id, system_id, fingerprint, tool, rule_id, title, severity, tool_severity,
            cvss_score, cves, cwes, hostname, ip, port, protocol, url, description, solution, first_seen_scan_id,
            last_seen_scan_id, state, state_changed_at, fixed_in_scan_id, due_on, disposition_reason,
            disposition_approver, risk_accepted_until, ministry_approved, created_at, updated_at)
          select org_id, system_id, tool || ':' || rule_no || ':10.' || (n / 256) % 256 || '.' || n % 256 || '.' || (1 + i % 8) || ':' || i, tool,
            (case tool when 'Nessus' then '' when 'OpenVAS' then '1.3.6.1.4.1.25623.1.0.' else lower(left(tool, 3)) || '-' end)
              || (10000 + rule_no),
            (${titles}::text[])[1 + title_no], severity, severity,
            case severity when 'critical' then 9.8 when 'high' then 7.5 when 'medium' then 5.3 when 'low' then 3.1 end,
            case when title_no in (${sql.raw(LOG4J_TITLES.join(', '))}) then array['CVE-2021-44228', 'CVE-2021-45046']
                 when r_cve < 400 then (select array_agg('CVE-20' || (18 + (g + c) % 7) || '-' || (1000 + abs(hashtext(g || '-' || c)) % 3000))
                                        from generate_series(0, r_cve % 3) c)
                 else '{}'::text[] end,
            case when title_no between 22 and 28 then array['CWE-' || (79 + title_no)] else '{}'::text[] end,
            'u' || n || '-host' || (1 + i % 8), '10.' || (n / 256) % 256 || '.' || n % 256 || '.' || (1 + i % 8),
            (array[443, 80, 22, 3389, 3306, 8080, 445, 25])[1 + rule_no % 8], 'tcp',
            case when tool in ('OWASP ZAP', 'Burp Suite') then 'https://sys' || n || '.example.edu.tw/' || (array['login', 'search', 'admin', 'api/v1/items'])[1 + i % 4] end,
            'The remote service is affected by ' || (${titles}::text[])[1 + title_no] || '. An attacker may exploit this to compromise the confidentiality or integrity of the system.',
            'Upgrade to the latest version or apply the vendor''s configuration guidance.',
            old_scan, case when state in ('fixed', 'verified_fixed') then old_scan else new_scan end, state,
            old_at + interval '1 day',
            case when state in ('fixed', 'verified_fixed') then new_scan end,
            case severity when 'info' then null
              else (old_at at time zone 'Asia/Taipei')::date + case severity when 'critical' then 7 when 'high' then 30
                                                                          when 'medium' then 90 else 180 end end,
            case when state in ('false_positive', 'risk_accepted') then '補償性控制已到位' end,
            case when state in ('false_positive', 'risk_accepted') then '資訊室主任 王小明' end,
            case when state = 'risk_accepted' then (now() at time zone 'Asia/Taipei')::date + 1 + g % 200 end,
            state = 'risk_accepted' and g % 2 = 0, old_at, old_at
          from v`);
      });
      process.stderr.write(`  findings for systems ${from}-${to} (${Math.round((Date.now() - started) / 1000)} s)\n`);
    }
    await db.execute(sql`drop table bench_systems`);
    if (databaseUrl) {
      await db.execute(sql`vacuum analyze scans`);
      await db.execute(sql`vacuum analyze scan_findings`);
    } else {
      await db.execute(sql`analyze`);
    }
    const counts: Record<string, number> = {};
    for (const table of ['scans', 'scan_findings']) {
      const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)}`);
      counts[table] = Number(row?.n ?? 0);
    }
    // A system and a unit in the middle of the data, a CVE few findings name, a rule id.
    const [sample] = await queryRows<{ systemId: string; orgId: string; rareCve: string; ruleId: string }>(
      db,
      sql`select f.system_id as "systemId", f.org_id as "orgId", f.cves[1] as "rareCve", f.rule_id as "ruleId"
          from scan_findings f where f.cves <> '{}' and not f.cves @> array['CVE-2021-44228']
          order by f.fingerprint limit 1`,
    );
    process.stdout.write(`${JSON.stringify({ counts, sample, setupS: Math.round((Date.now() - started) / 1000) })}\n`);
  } finally {
    await handle.close();
  }
}

await main();
