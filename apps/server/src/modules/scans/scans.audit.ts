import { namesByIds } from '../../db/names.js';
import { scanFindings, scans } from '../../db/schema/index.js';
import { defineAudit } from '../audit/audit.labels.js';

/** Audit labels of scans and findings (ADR 0018, issue 9). */
export const scansAudit = defineAudit({
  actions: {
    'scan.import': { 'zh-TW': '匯入弱點掃描報告', en: 'Scan report imported' },
    'scan.import_failed': { 'zh-TW': '弱點掃描報告匯入失敗', en: 'Scan report import failed' },
    'scan_finding.false_positive': { 'zh-TW': '弱點標記為誤判', en: 'Finding marked false positive' },
    'scan_finding.risk_accept': { 'zh-TW': '弱點風險接受', en: 'Finding risk accepted' },
    'scan_finding.ministry_approve': { 'zh-TW': '本部核准風險接受', en: 'Risk acceptance approved by the Ministry' },
    'scan_finding.ministry_unapprove': {
      'zh-TW': '本部撤回風險接受核准',
      en: 'Ministry approval of a risk acceptance withdrawn',
    },
    'scan_finding.export': { 'zh-TW': '匯出弱點清單', en: 'Findings exported' },
    'scan_finding.reopen': { 'zh-TW': '重新開啟弱點', en: 'Finding reopened' },
    'scan_finding.risk_expired': {
      'zh-TW': '風險接受到期，弱點重新開啟',
      en: 'Risk acceptance expired; finding reopened',
    },
  },
  targets: {
    scan: {
      label: { 'zh-TW': '弱點掃描', en: 'Scan' },
      names: (db, ids) => namesByIds(db, { table: scans, id: scans.id, name: scans.fileName }, ids),
      link: '/scans/:id',
    },
    scan_finding: {
      label: { 'zh-TW': '弱點', en: 'Finding' },
      names: (db, ids) => namesByIds(db, { table: scanFindings, id: scanFindings.id, name: scanFindings.title }, ids),
      link: '/scans/findings/:id',
    },
  },
});
