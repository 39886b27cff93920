import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import {
  POLICY_SECTIONS,
  SUGGESTED_OBLIGATION_RULES,
  contractClausesSection,
  policyDescriptorsOf,
  type ClauseRule,
} from '@custodian/shared';

/**
 * The project's own regulation map (issue 11, defect 14): every item of the regulation
 * (教育部補助委辦採購維護伺服主機及應用系統網站資訊安全管理要點, items 一–四十三 and its forms) and
 * where Custodian implements it. The rules are read from the rule catalogue (the policy
 * sections with their regulation items, the contract clauses and the obligation rules of
 * packages/shared), so a rule added, moved or removed changes the map; what no rule
 * expresses (a field, a page, the platform itself) is listed in FEATURES below.
 * `npm run docs:regulation-map` writes docs/regulation-map.md; a unit test fails while the
 * committed file differs.
 */
export const REGULATION_MAP_FILE = fileURLToPath(new URL('../../../../docs/regulation-map.md', import.meta.url));

/** Each item, as printed, with what it requires in one line. */
const ITEMS: readonly (readonly [string, string])[] = [
  ['一', 'Purpose: personal-data, classified-information and government security rules apply'],
  ['二', 'Every subsidised or commissioned unit is told its duties in writing; they bind its staff and subcontractors'],
  ['三', 'Risk assessment before commissioning; a security agreement; responsibilities in the contract'],
  ['四', 'Systems that handle personal data bind the unit under the Personal Data Protection Act'],
  ['五', "Units follow the Ministry's security rules"],
  ['六', 'The unit signs 資訊安全保密合約書; each person signs 保密承諾書 before working'],
  ['七', 'Cooperation in incidents, drills and emergencies; the contract sets continuity plan, SLA, RTO and RPO'],
  ['八', "Incidents follow the Ministry's reporting process and the national time limits"],
  [
    '九',
    'Outsourced development passes vulnerability scans and penetration tests; the contract names security and personal-data requirements',
  ],
  ['十', 'Business owner, system owner and maintainer contacts updated every year'],
  ['十一', 'Domain and IP allocations last at most three years, then are applied for again'],
  [
    '十二',
    'The contract covers (一)–(五): sensitive items, approvals, continuity, security standards, incident and breach duties',
  ],
  ['十三', 'Exit mechanism; all original contracts and source code kept'],
  ['十四', 'The supervising unit oversees the commissioned unit'],
  ['十五', 'Host firewall, unused ports blocked, rules reviewed periodically'],
  ['十六', 'Antivirus on every server, kept current'],
  ['十七', 'Operating system and software patched; host vulnerability scans'],
  ['十八', 'Maintenance over encrypted channels from restricted source addresses'],
  ['十九', 'No remote-control software, except in emergencies with limits'],
  ['二十', 'Console logged out when unattended; passwords managed'],
  ['二十一', 'No network-neighbourhood sharing unless controlled'],
  ['二十二', 'Access rights reviewed every six months and on staff changes'],
  ['二十三', 'Capacity observed and analysed'],
  ['二十四', 'Capacity needs forecast'],
  ['二十五', 'Capacity budgeted ahead'],
  ['二十六', 'Processor, memory, storage, output and communications usage watched'],
  ['二十七', 'Usage trends and bottlenecks watched'],
  ['二十八', 'Capacity information used to plan'],
  ['二十九', 'Backup facilities; regular data and software backups; fast recovery'],
  ['三十', 'Backups meet continuity needs'],
  ['三十一', 'Operators record start and stop times, errors and corrections'],
  ['三十二', 'Operation records reviewed regularly by an objective third party'],
  ['三十三', 'Procedures for confidential and sensitive data'],
  ['三十四', 'Procedures for the input and output media of such data'],
  [
    '三十五',
    '(一)–(八): labelled handling, receipt records, accuracy, delivery receipts, minimum distribution, classification marks, distribution lists, consistency',
  ],
  ['三十六', 'System documentation protected'],
  ['三十七', 'Important files protected against loss, destruction, forgery and tampering'],
  ['三十八', 'Media disposed of securely'],
  ['三十九', 'Vendors chosen for their security capability'],
  ['四十', 'Formal agreements for data and software exchange between agencies'],
  ['四十一', 'What such an agreement covers'],
  ['四十二', 'Vulnerability scans and fixes before go-live; funding in the contract'],
  [
    '四十三',
    '(一) before go-live: scans, input and output encoding, backups and drills; (二) after: periodic scans, version update forms, encrypted uploads',
  ],
  ['保密合約書', 'The confidentiality contract: duties, return of material, term, damages, governing law'],
  ['附件一', "List of the vendor's participating staff"],
  ['附件二', 'Personal confidentiality undertaking (保密承諾書)'],
];

/** Where each module's records are seen in the web app. */
const PAGES: Readonly<Record<string, readonly string[]>> = {
  allocations: ['/allocations'],
  audit: ['/audit'],
  contracts: ['/contracts'],
  imports: ['/imports'],
  obligations: ['/todo', '/calendar'],
  organisations: ['/organisations'],
  pentests: ['/pentests'],
  policy: ['/policy'],
  systems: ['/systems'],
  hosts: ['/hosts'],
  users: ['/users'],
  vendors: ['/vendors'],
};

type Feature = { item: string; module: string; what: string };

/** What implements an item without a rule of the catalogue: fields, records, the platform itself. */
const FEATURES: readonly Feature[] = [
  { item: '一', module: 'policy', what: 'the rule set as versioned data with effective dates (ADR 0009, 0015)' },
  { item: '二', module: 'contracts', what: 'notice of duties sent and acknowledged per contract' },
  { item: '三', module: 'contracts', what: 'risk assessments recorded per contract' },
  { item: '四', module: 'systems', what: 'personal-data flag, categories, purpose and legal basis of each system' },
  { item: '五', module: 'policy', what: "the Ministry's published rule set, in force by date" },
  { item: '十', module: 'systems', what: 'the three contacts of each system and their yearly confirmation' },
  { item: '十一', module: 'allocations', what: 'domain and IP allocations with periods, renewals and release' },
  { item: '十三', module: 'systems', what: 'decommissioning of systems (exit)' },
  {
    item: '十四',
    module: 'organisations',
    what: 'Ministry → unit → vendor tenancy; supervising divisions and business owners',
  },
  { item: '十四', module: 'audit', what: 'tamper-evident audit trail (ADR 0005, 0016)' },
  { item: '十五', module: 'hosts', what: 'hosts registered per system' },
  { item: '三十七', module: 'audit', what: 'hash-chained audit events with signed checkpoints; signed backups' },
  { item: '三十九', module: 'vendors', what: 'vendor qualification certificates (ISO/CNS 27001) and their expiry' },
  {
    item: '四十二',
    module: 'pentests',
    what: 'penetration-test engagements: report with its SHA-256, findings by hand or from a scan, retest',
  },
  { item: '四十三', module: 'platform', what: 'input hygiene and output encoding of the platform itself (ADR 0012)' },
];

/** The top-level items a catalogue entry names: `十二(一)` → 十二, `七、九、十二` → 七, 九, 十二. */
export function topLevelItems(item: string): string[] {
  return item
    .split('、')
    .map((part) => part.trim().replace(/[（(].*$/, ''))
    .filter(Boolean);
}

type Entry = { module: string; what: string };

/** Everything that implements each item, from the catalogue and FEATURES. */
export function regulationEntries(): Map<string, Entry[]> {
  const byItem = new Map<string, Entry[]>(ITEMS.map(([item]) => [item, []]));
  const add = (item: string, entry: Entry) => {
    for (const top of topLevelItems(item)) {
      const list = byItem.get(top);
      if (!list) {
        throw new Error(`The catalogue names item ${item}, which the regulation map does not list`);
      }
      list.push(entry);
    }
  };
  for (const feature of FEATURES) {
    add(feature.item, { module: feature.module, what: feature.what });
  }
  for (const descriptor of policyDescriptorsOf(POLICY_SECTIONS)) {
    if (descriptor.kind === 'clauses' || descriptor.kind === 'obligations') {
      continue;
    }
    const section = POLICY_SECTIONS.find((s) => s.key === descriptor.section);
    add(descriptor.item, { module: section?.module ?? descriptor.section, what: `policy rule \`${descriptor.path}\`` });
  }
  for (const clause of (contractClausesSection.version1 ?? []) as readonly ClauseRule[]) {
    add(clause.item, { module: 'contracts', what: `contract clause \`${clause.code}\` (${clause.item})` });
  }
  for (const rule of SUGGESTED_OBLIGATION_RULES) {
    add(rule.item, { module: 'obligations', what: `obligation rule \`${rule.id}\` (${rule.item})` });
  }
  return byItem;
}

const cell = (text: string) => text.replaceAll('|', '\\|');

/** docs/regulation-map.md as `npm run docs:regulation-map` writes it (formatted by prettier). */
export async function renderRegulationMap(): Promise<string> {
  const entries = regulationEntries();
  const lines = [
    '# Regulation map',
    '',
    '<!-- Generated by `npm run docs:regulation-map` from the rule catalogue (apps/server/src/lib/regulation-map.ts). Do not edit: a test fails while this file differs. -->',
    '',
    'Each item of 教育部補助委辦採購維護伺服主機及應用系統網站資訊安全管理要點 (items 一–四十三 and the',
    'forms 保密合約書, 附件一 and 附件二) and where Custodian implements it: the module, the rules of',
    'the rule catalogue that carry its deadlines and clauses (versioned, ADR 0009 and 0015), and the',
    'pages that show them. "Not yet implemented" marks an item no module serves yet.',
    '',
    '| item | what it requires | module | rules and records | pages |',
    '|---|---|---|---|---|',
  ];
  let implemented = 0;
  for (const [item, requires] of ITEMS) {
    const list = entries.get(item) ?? [];
    if (list.length === 0) {
      lines.push(`| ${item} | ${cell(requires)} | not yet implemented | | |`);
      continue;
    }
    implemented += 1;
    const modules = [...new Set(list.map((e) => e.module))];
    const pages = [...new Set(modules.flatMap((m) => PAGES[m] ?? []))];
    lines.push(
      `| ${item} | ${cell(requires)} | ${modules.join(', ')} | ${list.map((e) => cell(e.what)).join('; ')} | ${pages.map((p) => `\`${p}\``).join(', ')} |`,
    );
  }
  lines.push('', `${implemented} of ${ITEMS.length} items and forms have an implementation.`, '');
  const options = (await resolveConfig(REGULATION_MAP_FILE)) ?? {};
  return format(lines.join('\n'), { ...options, filepath: REGULATION_MAP_FILE });
}
