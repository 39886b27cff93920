import { refuse } from './errors.js';
import { SCAN_PARSE_LIMITS } from './limits.js';
import { IdList, clip, cweId, htmlToText, makeAsset, normaliseUrl, toDate, urlsIn } from './normalise.js';
import type { ParsedFinding, ScanFormat, ScanSeverity } from './types.js';

/**
 * What the ZAP XML and JSON parsers share. ZAP reports one alert per rule and site with its
 * instances (each a URI, method, parameter, attack and evidence); the finding is per rule and
 * URI: one finding for each distinct URI (normalised: query parameters sorted, no fragment)
 * of an alert, so that every affected page is its own finding to fix and close, and no
 * description lists a hundred pages. Instances of one alert on the same URI (other
 * parameters or methods) are one finding, their parameters listed in its evidence.
 *
 * - Rule ID: `alertRef` (which tells apart the variants of one plugin, e.g. 10020-1 and
 *   10020-2), else `pluginid`.
 * - Severity: `riskcode` 0–3 → info, low, medium, high (ZAP has no critical); toolSeverity
 *   the risk part of `riskdesc` ("Medium").
 * - CWE: `cweid` (ZAP writes -1 or 0 for none). ZAP names no CVE.
 * - Description `desc` and `otherinfo`, solution, references (`reference`): ZAP's HTML made text.
 * - Evidence: method, URI, parameter, attack, evidence, and in the "xml-plus" report the
 *   request and response (each cut at 8 KB).
 * - Asset: the URI, with the site's host and port.
 * - Times: the report's `generated`, read as UTC (ZAP writes no zone); a localised date
 *   (the "xml-plus" sample's "Fr., 30 Sep. 2022") is left unset rather than guessed.
 */
export type ZapSite = { name?: string; host?: string; port?: string };
export type ZapInstance = {
  uri: string;
  method?: string;
  param?: string;
  attack?: string;
  evidence?: string;
  otherinfo?: string;
  requestheader?: string;
  requestbody?: string;
  responseheader?: string;
  responsebody?: string;
};
export type ZapAlert = {
  pluginid?: string;
  alertRef?: string;
  alert?: string;
  name?: string;
  riskcode?: string;
  riskdesc?: string;
  desc?: string;
  solution?: string;
  otherinfo?: string;
  reference?: string;
  cweid?: string;
};

/** An alert's own fields, named alike in the XML and the JSON report. */
export const ZAP_ALERT_FIELDS = [
  'pluginid',
  'alertRef',
  'alert',
  'name',
  'riskcode',
  'riskdesc',
  'desc',
  'solution',
  'otherinfo',
  'reference',
  'cweid',
] as const satisfies readonly (keyof ZapAlert)[];

/** An instance's fields (the "plus" reports add request and response), named alike in both reports. */
export const ZAP_INSTANCE_FIELDS = [
  'uri',
  'method',
  'param',
  'attack',
  'evidence',
  'otherinfo',
  'requestheader',
  'requestbody',
  'responseheader',
  'responsebody',
] as const satisfies readonly (keyof ZapInstance)[];

const RISKS: ScanSeverity[] = ['info', 'low', 'medium', 'high'];
const INSTANCE_EVIDENCE_KEPT = 1000;

/** Instances of one alert, merged by URI, bounded. */
export class ZapInstances {
  private readonly byUrl = new Map<string, { instance: ZapInstance; params: IdList; evidence: string | undefined }>();
  constructor(private readonly format: ScanFormat) {}

  add(instance: ZapInstance): void {
    const key = normaliseUrl(instance.uri) ?? '';
    if (!key) {
      return;
    }
    const existing = this.byUrl.get(key);
    if (existing) {
      existing.params.add(instance.param?.trim() || undefined);
      return;
    }
    if (this.byUrl.size >= SCAN_PARSE_LIMITS.maxInstancesPerAlert) {
      throw refuse(this.format, 'invalid_structure', 'too many instances in one alert');
    }
    const params = new IdList();
    params.add(instance.param?.trim() || undefined);
    // Past the first thousand URIs of an alert, only what identifies the instance is kept.
    const evidence = this.byUrl.size < INSTANCE_EVIDENCE_KEPT ? instanceEvidence(instance) : undefined;
    this.byUrl.set(key, { instance: { uri: instance.uri, method: instance.method }, params, evidence });
  }

  get size(): number {
    return this.byUrl.size;
  }

  *findings(alert: ZapAlert, site: ZapSite): Generator<ParsedFinding> {
    for (const { instance, params, evidence } of this.byUrl.values()) {
      const paramList = params.list;
      const head = [
        `${instance.method ?? 'GET'} ${instance.uri}`,
        paramList.length > 0 ? `Parameter: ${paramList.join(', ')}` : undefined,
      ]
        .filter(Boolean)
        .join('\n');
      yield zapFinding(
        alert,
        site,
        instance.uri,
        clip([head, evidence].filter(Boolean).join('\n'), SCAN_PARSE_LIMITS.maxEvidenceChars),
      );
    }
  }
}

function instanceEvidence(instance: ZapInstance): string | undefined {
  const cut = (text: string | undefined) => clip(text, SCAN_PARSE_LIMITS.maxHttpMessageChars);
  const parts = [
    instance.attack?.trim() ? `Attack: ${cut(instance.attack)}` : undefined,
    instance.evidence?.trim() ? `Evidence: ${cut(instance.evidence)}` : undefined,
    instance.otherinfo?.trim() ? cut(htmlToText(instance.otherinfo)) : undefined,
    instance.requestheader?.trim() ? `--- Request ---\n${cut(instance.requestheader)}` : undefined,
    instance.requestbody?.trim() ? cut(instance.requestbody) : undefined,
    instance.responseheader?.trim() ? `--- Response ---\n${cut(instance.responseheader)}` : undefined,
    instance.responsebody?.trim() ? cut(instance.responsebody) : undefined,
  ].filter(Boolean);
  return parts.length > 0 ? clip(parts.join('\n'), SCAN_PARSE_LIMITS.maxEvidenceChars) : undefined;
}

export function zapFinding(alert: ZapAlert, site: ZapSite, uri: string, evidence: string | undefined): ParsedFinding {
  const risk = Number(alert.riskcode);
  const title = (alert.name ?? alert.alert ?? `ZAP alert ${alert.pluginid ?? ''}`).trim();
  const references = new IdList();
  urlsIn(alert.reference, references);
  const cwe = cweId(alert.cweid);
  const finding: ParsedFinding = {
    ruleId: alert.alertRef?.trim() || alert.pluginid?.trim() || title,
    title,
    severity: RISKS[Number.isInteger(risk) && risk >= 0 && risk <= 3 ? risk : 0] ?? 'info',
    cves: [],
    cwes: cwe ? [cwe] : [],
    asset: makeAsset({ url: uri, hostname: site.host, port: site.port }),
    references: references.list,
  };
  const toolSeverity = alert.riskdesc?.replace(/\s*\(.*$/, '').trim() || alert.riskcode;
  if (toolSeverity) {
    finding.toolSeverity = toolSeverity;
  }
  const description = clip([htmlToText(alert.desc), htmlToText(alert.otherinfo)].filter(Boolean).join('\n\n'));
  if (description) {
    finding.description = description;
  }
  const solution = clip(htmlToText(alert.solution));
  if (solution) {
    finding.solution = solution;
  }
  if (evidence) {
    finding.evidence = evidence;
  }
  return finding;
}

const ZAP_DATE = /^[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2}$/;

/** ZAP's `generated` ("Sun, 20 Jun 2021 09:30:00"), as UTC; undefined for other spellings. */
export function zapGenerated(text: string | undefined): Date | undefined {
  const value = text?.trim();
  return value && ZAP_DATE.test(value) ? toDate(`${value} GMT`) : undefined;
}
