import type { ParsedElementInfo } from '@streamparser/json';
import { asArray, asObject, asString, parseJson } from './json.js';
import { SCAN_PARSE_LIMITS } from './limits.js';
import { IdList } from './normalise.js';
import type { ParsedScanMeta, ScanEvent } from './types.js';
import {
  ZAP_ALERT_FIELDS,
  ZAP_INSTANCE_FIELDS,
  ZapInstances,
  zapGenerated,
  type ZapAlert,
  type ZapSite,
} from './zap-common.js';

/**
 * OWASP ZAP JSON report (the "traditional-json" template: `{ "@version", "@generated",
 * "site": [{ "@name", "@host", "@port", "alerts": [{ pluginid, alertRef, alert, name,
 * riskcode, riskdesc, desc, instances: [{ uri, method, param, attack, evidence, otherinfo }],
 * solution, otherinfo, reference, cweid }] }] }`; "traditional-json-plus" adds request and
 * response to the instances). Same findings as the XML report (zap-common.ts): one per
 * alert and URI. Each alert is handled as its object completes; the site's attributes,
 * written before its alerts, are remembered.
 */
export function parseZapJson(chunks: AsyncIterable<string>): AsyncGenerator<ScanEvent, void, undefined> {
  const out: ScanEvent[] = [];
  const meta: Partial<ParsedScanMeta> = { tool: 'OWASP ZAP' };
  const scope = new IdList();
  let site: ZapSite = {};
  let siteIndex: unknown;
  let metaSent = false;

  const sendMeta = () => {
    if (!metaSent) {
      metaSent = true;
      out.push({ kind: 'meta', meta: { ...meta } });
    }
  };

  const onValue = ({ value, key, stack }: ParsedElementInfo) => {
    if (stack.length === 1) {
      if (key === '@version') {
        meta.toolVersion = asString(value);
      } else if (key === '@generated') {
        meta.finishedAt = zapGenerated(asString(value));
      }
      return;
    }
    sendMeta();
    if (stack.length === 3) {
      // site.<i>.@name / @host / @port
      if (stack[2]?.key !== siteIndex) {
        siteIndex = stack[2]?.key;
        site = {};
      }
      const text = asString(value);
      if (key === '@name') {
        site.name = text;
        scope.add(text);
      } else if (key === '@host') {
        site.host = text;
      } else if (key === '@port') {
        site.port = text;
      }
      return;
    }
    const item = asObject(value);
    if (!item) {
      return;
    }
    const alert: ZapAlert = {};
    for (const name of ZAP_ALERT_FIELDS) {
      alert[name] = asString(item[name]);
    }
    const instances = new ZapInstances('zap_json');
    for (const entry of asArray(item.instances)) {
      const instance = asObject(entry);
      const uri = asString(instance?.uri);
      if (instance && uri) {
        const fields: Record<string, string | undefined> = {};
        for (const name of ZAP_INSTANCE_FIELDS) {
          fields[name] = asString(instance[name]);
        }
        instances.add({ ...fields, uri });
      }
    }
    for (const finding of instances.findings(alert, site)) {
      out.push({ kind: 'finding', finding });
    }
  };

  return (async function* parse() {
    yield* parseJson(
      'zap_json',
      chunks,
      ['$.@version', '$.@generated', '$.site.*.@name', '$.site.*.@host', '$.site.*.@port', '$.site.*.alerts.*'],
      onValue,
      out,
    );
    sendMeta();
    out.push({ kind: 'meta', meta: { scope: scope.list.slice(0, SCAN_PARSE_LIMITS.maxScope) } });
    yield* out.splice(0);
  })();
}
