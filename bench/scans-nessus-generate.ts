import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/**
 * A realistic multi-host `.nessus` file of about `targetBytes`, written as a stream (never
 * held whole), for bench/scans-parse.ts and the import benchmark. Modelled on
 * fixtures/nessus_many_vuln.xml: a Policy with preferences, then ReportHosts with their
 * HostProperties, each host repeating the same catalogue of plugins as real scans do (scan
 * information, OS and service detection, SSL, missing patches with CVEs and CVSS), with
 * long plugin outputs (package lists, certificate dumps) of a few KB, varied per host.
 */
type Plugin = {
  id: number;
  name: string;
  family: string;
  severity: number;
  port: number;
  svc: string;
  cves: string[];
  outputLines: number;
};

const FAMILIES = ['General', 'Settings', 'Service detection', 'Misc.', 'Ubuntu Local Security Checks', 'Web Servers'];
const RISK = ['None', 'Low', 'Medium', 'High', 'Critical'];
const PORTS: [number, string][] = [
  [0, 'general'],
  [22, 'ssh'],
  [80, 'www'],
  [443, 'www'],
  [3306, 'mysql'],
  [8080, 'www'],
];

/** A fixed catalogue: every host draws its plugins from it, most hosts most of them. */
function catalogue(): Plugin[] {
  const plugins: Plugin[] = [];
  for (let i = 0; i < 60; i += 1) {
    const severity = i < 20 ? 0 : ([1, 2, 2, 3, 3, 4][i % 6] ?? 2);
    const [port, svc] = PORTS[i % PORTS.length] ?? [0, 'general'];
    const cves =
      severity === 0
        ? []
        : Array.from({ length: 1 + (i % 7) }, (_, k) => `CVE-20${10 + (i % 14)}-${1000 + i * 37 + k}`);
    plugins.push({
      id: 10000 + i * 1117,
      name: `${severity === 0 ? 'Service Information' : 'Ubuntu USN'} ${i}: ${['openssl', 'openssh', 'nginx', 'mysql', 'kernel'][i % 5]} (${severity})`,
      family: FAMILIES[i % FAMILIES.length] ?? 'General',
      severity,
      port,
      svc,
      cves,
      outputLines: 10 + ((i * 13) % 90),
    });
  }
  return plugins;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function reportItem(plugin: Plugin, host: number): string {
  const lines: string[] = [];
  for (let l = 0; l < plugin.outputLines; l += 1) {
    lines.push(
      `  - Remote package installed : lib${plugin.id % 97}-${l}.${host % 13}-ubuntu0.${l % 5} Should be : lib${plugin.id % 97}-${l}.${(host % 13) + 1}-ubuntu0.${l % 5} <${l}>`,
    );
  }
  const cves = plugin.cves.map((cve) => `<cve>${cve}</cve>\n`).join('');
  const cvss =
    plugin.severity > 0
      ? `<cvss_base_score>${(plugin.severity * 2.3).toFixed(1)}</cvss_base_score>\n<cvss_vector>CVSS2#AV:N/AC:L/Au:N/C:P/I:P/A:P</cvss_vector>\n<cvss3_base_score>${Math.min(10, plugin.severity * 2.4).toFixed(1)}</cvss3_base_score>\n<cvss3_vector>CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H</cvss3_vector>\n`
      : '';
  return `<ReportItem port="${plugin.port}" svc_name="${plugin.svc}" protocol="tcp" severity="${plugin.severity}" pluginID="${plugin.id}" pluginName="${escape(plugin.name)}" pluginFamily="${plugin.family}">
<description>The remote host is affected by the issues described in advisory ${plugin.id}. ${'Note that Nessus has not tested for this issue but has instead relied only on the self-reported version number. '.repeat(3)}</description>
<fname>plugin_${plugin.id}.nasl</fname>
<plugin_modification_date>2024/01/15</plugin_modification_date>
<plugin_name>${escape(plugin.name)}</plugin_name>
<plugin_publication_date>2020/03/02</plugin_publication_date>
<plugin_type>local</plugin_type>
<risk_factor>${RISK[plugin.severity]}</risk_factor>
<script_version>$Revision: 1.${plugin.id % 50} $</script_version>
<solution>Update the affected packages.</solution>
<synopsis>The remote host is missing one or more security updates.</synopsis>
${cvss}${cves}<see_also>https://usn.ubuntu.com/${plugin.id}-1/</see_also>
<xref>USN:${plugin.id}-1</xref>
<plugin_output>
${escape(lines.join('\n'))}
</plugin_output>
</ReportItem>
`;
}

function hostHeader(host: number): string {
  const ip = `10.${(host >> 16) & 255}.${(host >> 8) & 255}.${host & 255}`;
  return `<ReportHost name="${ip}"><HostProperties>
<tag name="HOST_END">Tue Jun 25 10:39:42 2024</tag>
<tag name="operating-system">Linux Kernel 5.4 on Ubuntu 20.04</tag>
<tag name="host-ip">${ip}</tag>
<tag name="host-fqdn">host-${host}.example.edu.tw</tag>
<tag name="HOST_START">Tue Jun 25 10:32:42 2024</tag>
</HostProperties>
`;
}

const HEADER = `<?xml version="1.0" ?>
<NessusClientData_v2>
<Policy><policyName>Benchmark scan</policyName>
<Preferences><ServerPreferences><preference><name>TARGET</name>
<value>10.0.0.0/16</value>
</preference>
</ServerPreferences></Preferences></Policy>
<Report name="Benchmark" xmlns:cm="http://www.nessus.org/cm">
`;
const FOOTER = `</Report>
</NessusClientData_v2>
`;

/** Writes the file; returns its size, hosts and ReportItems. */
export async function writeNessusFile(
  path: string,
  targetBytes: number,
): Promise<{ bytes: number; hosts: number; items: number }> {
  const plugins = catalogue();
  const out = createWriteStream(path);
  let bytes = 0;
  let items = 0;
  let host = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) {
      await once(out, 'drain');
    }
  };
  await write(HEADER);
  while (bytes < targetBytes - FOOTER.length) {
    host += 1;
    let chunk = hostHeader(host);
    for (const [index, plugin] of plugins.entries()) {
      // Most hosts have most plugins; a few differ, as real hosts do.
      if ((host + index) % 11 === 0) {
        continue;
      }
      chunk += reportItem(plugin, host);
      items += 1;
    }
    await write(`${chunk}</ReportHost>\n`);
  }
  await write(FOOTER);
  out.end();
  await once(out, 'finish');
  return { bytes, hosts: host, items };
}
