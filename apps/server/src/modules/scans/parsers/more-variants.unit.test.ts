import { describe, expect, it } from 'vitest';
import { parseText, severities } from './test-helpers.js';

/**
 * More real-world variants (round 2 of running the parsers over other public reports of the
 * same tools). Each fixture is a small synthetic file written for the test, reproducing only
 * the variant's shape.
 */

describe('SARIF whose results come before the tool', () => {
  const rule = (id: string, short: string, securitySeverity: string, tags: string[]) => ({
    defaultConfiguration: { level: 'warning' },
    fullDescription: { text: `${short}, in full.` },
    help: { text: `Fix ${id}: see https://example.org/${id}` },
    id,
    name: id,
    properties: { precision: 'very-high', 'security-severity': securitySeverity, tags },
    shortDescription: { text: short },
  });
  const result = (ruleId: string, uri: string, line: number) => ({
    locations: [{ physicalLocation: { artifactLocation: { uri }, region: { startLine: line } } }],
    message: { text: `${ruleId} matched.` },
    properties: {},
    ruleId,
  });
  // Keys in alphabetical order, as Semgrep's SARIF through GitLab writes them.
  const text = JSON.stringify({
    $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json',
    runs: [
      {
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: [] }],
        results: [
          result('js.nosqli', 'routes/delivery.ts', 34),
          result('js.nosqli', 'routes/deluxe.ts', 25),
          result('js.regexp', 'lib/insecurity.ts', 44),
        ],
        tool: {
          driver: {
            name: 'Semgrep OSS',
            rules: [
              rule('js.nosqli', 'NoSQL injection', 'HIGH', ['CWE-943', 'security']),
              rule('js.regexp', 'Non-literal RegExp', 'MEDIUM', ['CWE-185', 'OWASP-A03:2021-Injection']),
            ],
            semanticVersion: '1.69.0',
          },
        },
      },
      {
        results: [result('py.eval', 'app.py', 3)],
        tool: { driver: { name: 'Second', rules: [rule('py.eval', 'Eval', '9.1', ['CWE-95'])] } },
      },
    ],
    version: '2.1.0',
  });

  it('reads each held result with its run’s rules: title, CWEs, severity word, tool', async () => {
    const { findings, meta } = await parseText(text);
    expect(meta).toMatchObject({ tool: 'Semgrep OSS', toolVersion: '1.69.0' });
    expect(findings.map((f) => [f.ruleId, f.title, f.severity, f.cwes, f.asset.component])).toEqual([
      ['js.nosqli', 'NoSQL injection', 'high', ['CWE-943'], 'routes/delivery.ts:34'],
      ['js.nosqli', 'NoSQL injection', 'high', ['CWE-943'], 'routes/deluxe.ts:25'],
      ['js.regexp', 'Non-literal RegExp', 'medium', ['CWE-185'], 'lib/insecurity.ts:44'],
      ['py.eval', 'Eval', 'critical', ['CWE-95'], 'app.py:3'],
    ]);
    expect(findings[0]?.description).toContain('NoSQL injection, in full.');
    expect(findings[0]?.references).toEqual(['https://example.org/js.nosqli']);
    expect(severities(findings)).toEqual({ high: 2, medium: 1, critical: 1 });
  });

  it('a security-severity word on the result itself is its severity', async () => {
    const single = JSON.stringify({
      runs: [
        {
          results: [{ ...result('x', 'a.js', 1), properties: { 'security-severity': 'Low' } }],
          tool: { driver: { name: 'T' } },
        },
      ],
    });
    const { findings } = await parseText(single);
    expect(findings.map((f) => [f.severity, f.toolSeverity])).toEqual([['low', 'Low']]);
  });
});
