import { createHash } from 'node:crypto';
import type { ParsedElementInfo } from '@streamparser/json';
import { asArray, asObject, asString, parseJson } from './json.js';
import { SCAN_PARSE_LIMITS } from './limits.js';
import {
  IdList,
  clip,
  cvesIn,
  cwesIn,
  makeAsset,
  severityFromScore,
  severityFromWord,
  toDate,
  toScore,
  urlsIn,
} from './normalise.js';
import type { ParsedFinding, ParsedScanMeta, ScanEvent, ScanSeverity } from './types.js';

/**
 * SARIF 2.1 (any producer: CodeQL, Semgrep, ShellCheck, dependency-check, gitleaks…). Rules
 * (`tool.driver.rules` and the extensions') are kept per run, bounded, for the results that
 * follow them; each result is a finding as it completes. A run that writes its results before
 * its tool (keys sorted alphabetically: Semgrep through GitLab) has its results held, up to
 * SCAN_PARSE_LIMITS.maxDeferredResultsPerRun, and read with the rules when the run ends.
 *
 * - Rule ID: `ruleId`, else `rule.id`, else the rule at `ruleIndex`, else (gitleaks 7 writes
 *   none) `message:` + 16 hex of sha256 of the message text.
 * - Title: the rule's short description, else its name, else the message's first line.
 * - Severity: a `security-severity` score (result or rule properties, GitHub's convention) on
 *   the CVSS scale; else the producer's own severity word in the result's properties
 *   (`severity`, `issue_severity`, `securityRisk`: dependency-check, bandit, Black Duck), or a
 *   `security-severity` given as a word (GitLab's Semgrep rules: "MEDIUM"); else its CVSS score
 *   (dependency-check's `cvssv3_baseScore`, `cvssv2_score`); else the SARIF level —
 *   error → high, warning → medium, note → low, none → info — of the result or the rule's
 *   default configuration (warning when neither says, as the spec defaults).
 * - CVSS: `cvssv3_baseScore` / `cvssv2_score` properties where a producer gives them.
 * - CWEs: rule and result tags (`external/cwe/cwe-79`, `CWE-79`), CWE relationships, a rule's
 *   help link to a cwe.mitre.org definition, and a
 *   result's `cwe` property (mobsfscan: "CWE-532 Insertion of…"); CVEs: named in
 *   the rule ID, name or message.
 * - Description: the rule's full description and the message; solution: the rule's help;
 *   references: helpUri and URLs in the help.
 * - Asset: a location's artifact URI and start line as the component (`src/app.js:42`), else
 *   its logical location's fully qualified name. A result with several locations is one
 *   finding per location (mobsfscan and njsscan list each occurrence of a rule as a location
 *   of one result), up to SCAN_PARSE_LIMITS.maxLocationsPerResult; related locations and code
 *   flows are not locations.
 * - Evidence: the region's snippet. toolFindingId: `guid`.
 * - Results suppressed in the file (`suppressions` with state accepted) are still findings:
 *   whether to accept a risk is decided in Custodian, with an approver.
 * - Meta: tool the first run's driver name, its version, the first invocation's times.
 */
type Rule = {
  id: string | undefined;
  title: string | undefined;
  description: string | undefined;
  help: string | undefined;
  helpUri: string | undefined;
  level: string | undefined;
  securitySeverity: number | undefined;
  /** A `security-severity` given as a word (GitLab's Semgrep rules: "MEDIUM"), not a score. */
  securityWord: string | undefined;
  cwes: string[];
  messages: Map<string, string>;
};

const LEVELS: Record<string, ScanSeverity> = { error: 'high', warning: 'medium', note: 'low', none: 'info' };

const text = (value: unknown): string | undefined => asString(asObject(value)?.text)?.trim() || undefined;

function ruleOf(value: Record<string, unknown>): Rule {
  const properties = asObject(value.properties) ?? {};
  const cwes = new IdList();
  for (const tag of asArray(properties.tags)) {
    cwesIn(asString(tag), cwes);
  }
  for (const relationship of asArray(value.relationships)) {
    const target = asObject(asObject(relationship)?.target);
    const component = asString(asObject(target?.toolComponent)?.name);
    if (component?.toUpperCase() === 'CWE') {
      cwesIn(`CWE-${asString(target?.id) ?? ''}`, cwes);
    }
  }
  // A rule whose help link is a CWE definition (flawfinder, ShiftLeft scan) is about that CWE.
  const cweLink = /cwe\.mitre\.org\/data\/definitions\/(\d{1,6})\.html/i.exec(asString(value.helpUri) ?? '');
  if (cweLink) {
    cwesIn(`CWE-${cweLink[1]}`, cwes);
  }
  const messages = new Map<string, string>();
  for (const [id, message] of Object.entries(asObject(value.messageStrings) ?? {})) {
    const body = text(message);
    if (body) {
      messages.set(id, body);
    }
  }
  return {
    id: asString(value.id),
    title: text(value.shortDescription) ?? (asString(value.name)?.trim() || undefined),
    description: text(value.fullDescription),
    help: text(value.help),
    helpUri: asString(value.helpUri),
    level: asString(asObject(value.defaultConfiguration)?.level),
    securitySeverity: toScore(properties['security-severity']),
    securityWord:
      toScore(properties['security-severity']) === undefined ? asString(properties['security-severity']) : undefined,
    cwes: cwes.list,
    messages,
  };
}

function messageText(message: Record<string, unknown> | undefined, rule: Rule | undefined): string | undefined {
  if (!message) {
    return undefined;
  }
  const args = asArray(message.arguments).map((arg) => asString(arg) ?? '');
  const template =
    asString(message.text) ??
    (rule && asString(message.id) ? rule.messages.get(asString(message.id) ?? '') : undefined);
  return template?.replace(/\{(\d+)\}/g, (whole, index: string) => args[Number(index)] ?? whole).trim() || undefined;
}

export function parseSarif(chunks: AsyncIterable<string>): AsyncGenerator<ScanEvent, void, undefined> {
  const out: ScanEvent[] = [];
  const meta: Partial<ParsedScanMeta> = {};
  let toolSent = false;
  let timesSent = false;
  let run = -1;
  let rules: Rule[] = [];
  let rulesById = new Map<string, Rule>();
  // Results met before their run's tool (producers that sort keys: invocations, results, tool)
  // wait, bounded, for the run's rules; they are read when the run ends.
  let toolSeen = false;
  let deferred: Record<string, unknown>[] = [];

  const flushDeferred = () => {
    if (deferred.length === 0) {
      return;
    }
    const pending = deferred;
    deferred = [];
    sendMeta();
    for (const value of pending) {
      for (const finding of result(value)) {
        out.push({ kind: 'finding', finding });
      }
    }
  };

  const enterRun = (index: unknown) => {
    if (index !== run) {
      flushDeferred();
      run = typeof index === 'number' ? index : run + 1;
      rules = [];
      rulesById = new Map();
      toolSeen = false;
    }
  };

  const sendMeta = () => {
    if (!toolSent) {
      out.push({ kind: 'meta', meta: { ...meta, tool: meta.tool ?? 'SARIF' } });
      toolSent = true;
    }
  };

  const result = (value: Record<string, unknown>): ParsedFinding[] => {
    const ruleRef = asObject(value.rule);
    const index = typeof value.ruleIndex === 'number' ? value.ruleIndex : asObject(ruleRef)?.index;
    const declaredId = asString(value.ruleId) ?? asString(ruleRef?.id);
    const rule =
      (declaredId ? rulesById.get(declaredId) : undefined) ?? (typeof index === 'number' ? rules[index] : undefined);
    const message = messageText(asObject(value.message), rule);
    const ruleId =
      declaredId?.trim() ||
      rule?.id?.trim() ||
      `message:${createHash('sha256')
        .update(message ?? '')
        .digest('hex')
        .slice(0, 16)}`;
    const properties = asObject(value.properties) ?? {};
    const securitySeverity = toScore(properties['security-severity']) ?? rule?.securitySeverity;
    const ownWord =
      toScore(properties['security-severity']) === undefined ? asString(properties['security-severity']) : undefined;
    const word =
      asString(properties.severity) ??
      asString(properties.issue_severity) ??
      asString(properties.securityRisk) ??
      (severityFromWord(ownWord) ? ownWord : undefined) ??
      (severityFromWord(rule?.securityWord) ? rule?.securityWord : undefined);
    const level = asString(value.level) ?? rule?.level;
    const v3 = toScore(properties.cvssv3_baseScore);
    const cvssScore = v3 ?? toScore(properties.cvssv2_score);
    const severity =
      securitySeverity !== undefined
        ? severityFromScore(securitySeverity)
        : (severityFromWord(word) ??
          (cvssScore !== undefined ? severityFromScore(cvssScore) : (LEVELS[level ?? 'warning'] ?? 'medium')));
    const cves = new IdList();
    cvesIn(ruleId, cves);
    cvesIn(rule?.title, cves);
    cvesIn(message, cves);
    const cwes = new IdList();
    for (const cwe of rule?.cwes ?? []) {
      cwes.add(cwe);
    }
    for (const tag of asArray(properties.tags)) {
      cwesIn(asString(tag), cwes);
    }
    // mobsfscan, njsscan and others name the CWE in the result's properties ("CWE-532 Insertion of…").
    for (const name of ['cwe', 'cwes', 'cwe_id', 'CWE']) {
      for (const item of Array.isArray(properties[name]) ? (properties[name] as unknown[]) : [properties[name]]) {
        cwesIn(asString(item), cwes);
      }
    }
    const references = new IdList();
    urlsIn(rule?.helpUri, references);
    urlsIn(rule?.help, references);
    const title = rule?.title ?? message?.split('\n')[0]?.slice(0, 300) ?? ruleId;
    const finding: ParsedFinding = {
      ruleId,
      title,
      severity,
      cves: cves.list,
      cwes: cwes.list,
      asset: {},
      references: references.list,
    };
    const toolSeverity = securitySeverity !== undefined ? String(securitySeverity) : (word ?? level);
    if (toolSeverity) {
      finding.toolSeverity = toolSeverity;
    }
    if (cvssScore !== undefined) {
      finding.cvssScore = cvssScore;
    }
    const description = clip(
      [rule?.description, message && message !== rule?.description ? message : undefined].filter(Boolean).join('\n\n'),
    );
    if (description) {
      finding.description = description;
    }
    const solution = clip(rule?.help);
    if (solution) {
      finding.solution = solution;
    }
    const guid = asString(value.guid);
    if (guid) {
      finding.toolFindingId = guid;
    }
    // One finding per location: mobsfscan and njsscan list every occurrence of a rule as the
    // locations of one result. (The same component twice is one finding; see index.ts.)
    const locations = asArray(value.locations).slice(0, SCAN_PARSE_LIMITS.maxLocationsPerResult);
    return (locations.length > 0 ? locations : [undefined]).map((entry) => {
      const location = asObject(entry);
      const physical = asObject(location?.physicalLocation);
      const uri = asString(asObject(physical?.artifactLocation)?.uri);
      const region = asObject(physical?.region);
      const line = region?.startLine;
      const logical = asString(asObject(asArray(location?.logicalLocations)[0])?.fullyQualifiedName);
      const located: ParsedFinding = {
        ...finding,
        asset: makeAsset({ component: uri ? `${uri}${typeof line === 'number' ? `:${line}` : ''}` : logical }),
      };
      const snippet = clip(text(region?.snippet), SCAN_PARSE_LIMITS.maxEvidenceChars);
      if (snippet) {
        located.evidence = snippet;
      }
      return located;
    });
  };

  const onValue = ({ value, key, stack }: ParsedElementInfo) => {
    // runs.<i> is stack[2]; the run's index is its key.
    enterRun(stack[2]?.key);
    const path = stack
      .slice(3)
      .map((entry) => (typeof entry.key === 'number' ? '*' : String(entry.key)))
      .join('.');
    const object = asObject(value);
    if (path.startsWith('tool.')) {
      toolSeen = true;
    }
    if (path === 'tool.driver') {
      if (key === 'name' && !toolSent && meta.tool === undefined) {
        meta.tool = asString(value) ?? 'SARIF';
      } else if ((key === 'version' || key === 'semanticVersion') && !meta.toolVersion && !toolSent) {
        meta.toolVersion = asString(value);
      }
    } else if ((path === 'tool.driver.rules' || path === 'tool.extensions.*.rules') && object) {
      if (rules.length < SCAN_PARSE_LIMITS.maxRulesPerRun) {
        const rule = ruleOf(object);
        // ruleIndex counts the driver's rules only.
        if (path === 'tool.driver.rules') {
          rules.push(rule);
        }
        if (rule.id && !rulesById.has(rule.id)) {
          rulesById.set(rule.id, rule);
        }
      }
    } else if (path === 'invocations' && object && !timesSent) {
      timesSent = true;
      meta.startedAt = toDate(object.startTimeUtc);
      meta.finishedAt = toDate(object.endTimeUtc);
      if (toolSent) {
        out.push({ kind: 'meta', meta: { startedAt: meta.startedAt, finishedAt: meta.finishedAt } });
      }
    } else if (path === 'results' && object) {
      if (!toolSeen && deferred.length < SCAN_PARSE_LIMITS.maxDeferredResultsPerRun) {
        deferred.push(object);
        return;
      }
      flushDeferred();
      sendMeta();
      for (const finding of result(object)) {
        out.push({ kind: 'finding', finding });
      }
    }
  };

  const paths = [
    '$.runs.*.tool.driver.name',
    '$.runs.*.tool.driver.version',
    '$.runs.*.tool.driver.semanticVersion',
    '$.runs.*.tool.driver.rules.*',
    '$.runs.*.tool.extensions.*.rules.*',
    '$.runs.*.invocations.*',
    '$.runs.*.results.*',
  ];
  return (async function* parse() {
    yield* parseJson('sarif', chunks, paths, onValue, out);
    flushDeferred();
    yield* out.splice(0);
    if (!toolSent) {
      // A run without results (or no run at all) still tells which tool ran.
      yield { kind: 'meta', meta: { ...meta, tool: meta.tool ?? 'SARIF' } } satisfies ScanEvent;
    }
  })();
}
