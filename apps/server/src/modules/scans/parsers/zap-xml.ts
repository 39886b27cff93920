import { SCAN_PARSE_LIMITS } from './limits.js';
import { IdList } from './normalise.js';
import type { ParsedScanMeta, ScanEvent } from './types.js';
import { parseXml, type XmlHandler } from './xml.js';
import {
  ZAP_ALERT_FIELDS,
  ZAP_INSTANCE_FIELDS,
  ZapInstances,
  zapGenerated,
  type ZapAlert,
  type ZapInstance,
  type ZapSite,
} from './zap-common.js';

/**
 * OWASP ZAP XML report (`OWASPZAPReport`, the traditional report and "xml-plus", which adds
 * request and response to each instance). See zap-common.ts for what a finding is. An alert
 * of an old report without `<instances>` (its uri, param… directly in the alertitem) is one
 * instance. The instances of one alert are held (bounded) until the alert closes, because
 * its solution, references and CWE come after them.
 */
const ALERT_FIELDS: ReadonlySet<string> = new Set(ZAP_ALERT_FIELDS);
const INSTANCE_FIELDS: ReadonlySet<string> = new Set(ZAP_INSTANCE_FIELDS);

export function parseZapXml(chunks: AsyncIterable<string>): AsyncGenerator<ScanEvent, void, undefined> {
  const out: ScanEvent[] = [];
  const meta: Partial<ParsedScanMeta> = { tool: 'OWASP ZAP' };
  const scope = new IdList();
  let site: ZapSite = {};
  let alert: (ZapAlert & Record<string, string | undefined>) | undefined;
  let alertDepth = 0;
  let instances: ZapInstances | undefined;
  let instance: (ZapInstance & Record<string, string | undefined>) | undefined;
  let direct: Record<string, string | undefined> = {};

  const handler: XmlHandler = {
    open(name, attributes, depth) {
      if (depth === 1 && name === 'OWASPZAPReport') {
        if (attributes.version) {
          meta.toolVersion = attributes.version;
        }
        const generated = zapGenerated(attributes.generated);
        if (generated) {
          meta.finishedAt = generated;
        }
        out.push({ kind: 'meta', meta: { ...meta } });
      } else if (name === 'site' && !alert) {
        site = { name: attributes.name, host: attributes.host, port: attributes.port };
        scope.add(attributes.name);
      } else if (name === 'alertitem' && !alert) {
        alert = {};
        alertDepth = depth;
        instances = new ZapInstances('zap_xml');
        direct = {};
      } else if (alert && name === 'instance' && depth === alertDepth + 2) {
        instance = { uri: '' };
      }
    },
    close(name, text, depth) {
      if (!alert || !instances) {
        return;
      }
      if (instance) {
        if (name === 'instance' && depth === alertDepth + 2) {
          instances.add(instance);
          instance = undefined;
        } else if (depth === alertDepth + 3 && INSTANCE_FIELDS.has(name)) {
          instance[name] = text;
        }
        return;
      }
      if (depth === alertDepth + 1) {
        if (ALERT_FIELDS.has(name)) {
          alert[name] = text;
        }
        if (INSTANCE_FIELDS.has(name)) {
          direct[name] = text;
        }
        return;
      }
      if (depth === alertDepth && name === 'alertitem') {
        if (instances.size === 0 && direct.uri) {
          instances.add({ ...direct, uri: direct.uri });
        }
        for (const finding of instances.findings(alert, site)) {
          out.push({ kind: 'finding', finding });
        }
        alert = undefined;
        instances = undefined;
      }
    },
    end() {
      out.push({ kind: 'meta', meta: { scope: scope.list.slice(0, SCAN_PARSE_LIMITS.maxScope) } });
    },
  };
  return parseXml('zap_xml', chunks, handler, out);
}
