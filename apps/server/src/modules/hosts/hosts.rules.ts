import validator from 'validator';
import { parseIpAddress } from '../../lib/net.js';
import { throwFirstProblem, type Problem } from '../../lib/problems.js';

/**
 * The rules of a host's name and addresses. The `check…` functions return every problem
 * (the importer reports them); `parseHostname` and `normaliseIps` throw the first (the
 * service) and return the value to store.
 */

/**
 * A host name per RFC 1123: letters, digits and hyphens in dot-separated labels of at most
 * 63 characters, 253 in all, no label starting or ending with a hyphen. A bare name
 * (`web01`) is fine; an IP address is not a host name.
 */
export function checkHostname(input: string): Problem[] {
  const text = input.trim();
  const isName =
    text.length > 0 &&
    text.length <= 253 &&
    // RFC 1123 names are ASCII; validator alone would accept Unicode labels.
    validator.isAscii(text) &&
    validator.isFQDN(text, {
      require_tld: false,
      allow_underscores: false,
      allow_trailing_dot: false,
      allow_numeric_tld: true,
      allow_wildcard: false,
    });
  return !isName || parseIpAddress(text).ok ? [{ path: 'hostname', code: 'INVALID_HOSTNAME', value: input }] : [];
}

/** A valid host name, trimmed with its case kept; INVALID_HOSTNAME otherwise. */
export function parseHostname(input: string): string {
  throwFirstProblem(checkHostname(input));
  return input.trim();
}

/** One INVALID_IP problem per entry that is not an IPv4/IPv6 address. */
export function checkIps(inputs: readonly string[]): Problem[] {
  return inputs.flatMap((input, i) =>
    parseIpAddress(input).ok
      ? []
      : [{ path: `ips.${i}`, code: 'INVALID_IP' as const, params: { value: input }, value: input }],
  );
}

/** IPv4/IPv6 addresses, normalised (RFC 5952 for IPv6) and de-duplicated, in input order; INVALID_IP otherwise. */
export function normaliseIps(inputs: readonly string[]): string[] {
  throwFirstProblem(checkIps(inputs));
  const out: string[] = [];
  for (const input of inputs) {
    const parsed = parseIpAddress(input);
    if (parsed.ok && !out.includes(parsed.value.address)) {
      out.push(parsed.value.address);
    }
  }
  return out;
}
